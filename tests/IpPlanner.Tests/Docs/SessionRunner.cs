using System.Text;
using System.Text.RegularExpressions;
using IpPlanner.Cli;

namespace IpPlanner.Tests.Docs;

/// <summary>What a command printed (stdout and stderr interleaved, as on a terminal) and its exit code.</summary>
public sealed record CommandResult(int ExitCode, IReadOnlyList<string> Lines);

/// <summary>
/// Runs the commands of a console session: <c>ipplanner</c> in-process with both streams going to one writer (so they
/// interleave as they do on a terminal), and the two shell commands the docs use to show or edit a file the tool
/// wrote: <c>head -N FILE</c> and <c>sed -i 's/RE/TEXT/' FILE</c>. Relative paths are relative to the current
/// directory, which the caller sets.
/// </summary>
public static class SessionRunner
{
    /// <summary>True when the runner knows the command (the rest must be on the test's skip list).</summary>
    public static bool CanRun(ConsoleCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Words.Count > 0 && command.Words[0] is "ipplanner" or "head" or "sed";
    }

    /// <summary>Runs one command.</summary>
    public static CommandResult Run(ConsoleCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = command.Words.ToList();
        var discardStdout = false;
        if (words.Count >= 2 && words[^2] == ">" && words[^1] == "/dev/null")
        {
            discardStdout = true;
            words.RemoveRange(words.Count - 2, 2);
        }

        var shell = words.FirstOrDefault(w => w is "|" or "||" or "&&" or ";" or "<" or ">" or ">>" or "2>" or "2>&1" or "&");
        if (shell is not null)
        {
            throw new NotSupportedException($"'{shell}' in '{command.Text}': a session runs simple commands only ('> /dev/null' at the end is the one redirection it knows)");
        }

        return words[0] switch
        {
            "ipplanner" => IpPlanner(words.Skip(1).ToArray(), discardStdout),
            "head" => Head(words),
            "sed" => Sed(words),
            _ => throw new NotSupportedException($"'{words[0]}' is not a command the session runner knows"),
        };
    }

    private static CommandResult IpPlanner(string[] args, bool discardStdout)
    {
        using var terminal = new StringWriter();
        var code = CliApp.Run(args, discardStdout ? TextWriter.Null : terminal, terminal);
        return new CommandResult(code, Lines(terminal.ToString()));
    }

    private static CommandResult Head(List<string> words)
    {
        // head -9 FILE, or head -n 9 FILE
        var count = words.Count switch
        {
            3 when words[1].StartsWith('-') => int.Parse(words[1][1..], System.Globalization.CultureInfo.InvariantCulture),
            4 when words[1] == "-n" => int.Parse(words[2], System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException($"head: expected 'head -N FILE': {string.Join(' ', words)}"),
        };
        return new CommandResult(0, Lines(File.ReadAllText(words[^1])).Take(count).ToList());
    }

    private static CommandResult Sed(List<string> words)
    {
        // sed -i 's/RE/TEXT/[g]' FILE (any delimiter after the s): each line, as sed does; a .NET regex stands in for
        // a basic one, which agrees for the literal text and escaped delimiters docs use.
        var script = words.Count == 4 && words[1] == "-i" ? words[2] : "";
        var parts = script.Length > 3 && script[0] == 's' ? SplitSubstitution(script[2..], script[1]) : null;
        if (parts is not [var find, var replace, var flags] || flags is not ("" or "g"))
        {
            throw new NotSupportedException($"sed: expected \"sed -i 's/RE/TEXT/' FILE\": {string.Join(' ', words)}");
        }

        var pattern = new Regex(find, RegexOptions.CultureInvariant);
        var replacement = replace.Replace("$", "$$", StringComparison.Ordinal);
        var file = words[3];
        var lines = File.ReadAllText(file).Split('\n')
            .Select(line => flags == "g" ? pattern.Replace(line, replacement) : pattern.Replace(line, replacement, 1));
        File.WriteAllText(file, string.Join('\n', lines));
        return new CommandResult(0, []);
    }

    /// <summary>"RE/TEXT/g" into its three parts; a backslash before the delimiter makes it part of the text.</summary>
    private static List<string>? SplitSubstitution(string rest, char delimiter)
    {
        var parts = new List<string>();
        var part = new StringBuilder();
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i] == '\\' && i + 1 < rest.Length && rest[i + 1] == delimiter)
            {
                part.Append(delimiter);
                i++;
            }
            else if (rest[i] == delimiter && parts.Count < 2)
            {
                parts.Add(part.ToString());
                part.Clear();
            }
            else
            {
                part.Append(rest[i]);
            }
        }

        parts.Add(part.ToString());
        return parts.Count == 3 ? parts : null;
    }

    /// <summary>Lines without their line ends and trailing spaces, without the blank lines at the end.</summary>
    public static List<string> Lines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
