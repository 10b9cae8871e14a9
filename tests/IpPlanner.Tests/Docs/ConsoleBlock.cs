using System.Text;

namespace IpPlanner.Tests.Docs;

/// <summary>One command of a console session: what follows <c>$ </c> (continuation lines joined) and the lines shown
/// after it, up to the next command or the end of the block.</summary>
/// <param name="Line">The 1-based line of the <c>$ </c> in its file.</param>
public sealed record ConsoleCommand(int Line, string Text, IReadOnlyList<string> Expected)
{
    /// <summary>The words of the command, shell-style: quotes kept together, a <c>#</c> comment dropped.</summary>
    public IReadOnlyList<string> Words { get; } = ShellWords.Split(Text);

    /// <summary>True for <c>ipplanner ...</c>, which the test runs in-process.</summary>
    public bool IsIpPlanner => Words.Count > 0 && Words[0] == "ipplanner";
}

/// <summary>A <c>```console</c> block of a Markdown file.</summary>
/// <param name="File">Repository-relative, with forward slashes.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
public sealed record ConsoleBlock(string File, int Line, IReadOnlyList<ConsoleCommand> Commands)
{
    /// <summary>"README.md:42", the test's display name.</summary>
    public string Name => $"{File}:{Line}";

    /// <summary>The block's first command as written, how the skip list names a block (line numbers move).</summary>
    public string FirstCommand => Commands.Count > 0 ? Commands[0].Text : "";

    /// <summary>Every <c>```console</c> block of a Markdown text, in order.</summary>
    public static IReadOnlyList<ConsoleBlock> Parse(string file, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<ConsoleBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].TrimStart(' ');
            var indent = lines[i].Length - fence.Length;
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            // Skip over every other fenced block too, so a ```console inside a ```markdown example is not read.
            var isConsole = fence.TrimEnd() == "```console";
            var start = i;
            var body = new List<(int Line, string Text)>();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                var text = lines[i];
                var strip = Math.Min(indent, text.Length - text.TrimStart(' ').Length);
                body.Add((i + 1, text[strip..]));
            }

            if (isConsole)
            {
                blocks.Add(new ConsoleBlock(file, start + 1, Sessions(file, body)));
            }
        }

        return blocks;
    }

    private static List<ConsoleCommand> Sessions(string file, List<(int Line, string Text)> body)
    {
        var commands = new List<ConsoleCommand>();
        var k = 0;
        if (body.Count > 0 && !body[0].Text.StartsWith("$ ", StringComparison.Ordinal))
        {
            throw new FormatException($"{file}:{body[0].Line}: a console block starts with '$ COMMAND'");
        }

        while (k < body.Count)
        {
            var line = body[k].Line;
            var text = new StringBuilder(body[k].Text[2..]);
            k++;
            while (text.Length > 0 && text[^1] == '\\' && k < body.Count)
            {
                text.Length--;
                text.Append(' ').Append(body[k].Text.Trim());
                k++;
            }

            var expected = new List<string>();
            while (k < body.Count && !body[k].Text.StartsWith("$ ", StringComparison.Ordinal))
            {
                expected.Add(body[k].Text);
                k++;
            }

            commands.Add(new ConsoleCommand(line, text.ToString().Trim(), expected));
        }

        return commands;
    }
}

/// <summary>Splits a command line into words the way a POSIX shell does for the simple commands docs show.</summary>
public static class ShellWords
{
    /// <summary>The words of <paramref name="line"/>: single and double quotes group, a backslash escapes one
    /// character, an unquoted word starting with <c>#</c> begins a comment.</summary>
    public static IReadOnlyList<string> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is ' ' or '\t')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            if (c == '#' && !inWord)
            {
                break;
            }

            inWord = true;
            if (c is '\'' or '"')
            {
                var end = line.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new FormatException($"unclosed {c} in: {line}");
                }

                word.Append(line, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
            }
            else
            {
                word.Append(c);
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
