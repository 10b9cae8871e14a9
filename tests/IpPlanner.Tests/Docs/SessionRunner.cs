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
        // sed -i 's/RE/TEXT/[g]' FILE: each line, as sed does (a .NET regex stands in for a basic one).
        var expression = words.Count == 4 && words[1] == "-i" ? Regex.Match(words[2], @"^s/((?:[^/\\]|\\.)*)/((?:[^/\\]|\\.)*)/(g?)$") : Match.Empty;
        if (!expression.Success)
        {
            throw new NotSupportedException($"sed: expected \"sed -i 's/RE/TEXT/' FILE\": {string.Join(' ', words)}");
        }

        var pattern = new Regex(expression.Groups[1].Value, RegexOptions.CultureInvariant);
        var replacement = expression.Groups[2].Value.Replace("$", "$$", StringComparison.Ordinal);
        var everyMatch = expression.Groups[3].Value == "g";
        var file = words[3];
        var text = new StringBuilder();
        foreach (var line in File.ReadAllText(file).Split('\n'))
        {
            text.Append(everyMatch ? pattern.Replace(line, replacement) : pattern.Replace(line, replacement, 1)).Append('\n');
        }

        text.Length--;
        File.WriteAllText(file, text.ToString());
        return new CommandResult(0, []);
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
