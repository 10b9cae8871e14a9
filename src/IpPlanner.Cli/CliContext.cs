using Spectre.Console;
using IpPlanner.Core.Input;

namespace IpPlanner.Cli;

/// <summary>Where a command writes, and whether a person is watching (for progress bars and table widths).</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, bool isTerminal)
{
    /// <summary>
    /// Standard output (or a StringWriter in tests), through <see cref="Output.TerminalWriter"/>: a hidden character
    /// from a file is shown as \uXXXX, never sent raw.
    /// </summary>
    public TextWriter Out { get; } = new Output.TerminalWriter(output);

    /// <summary>Standard error, through <see cref="Output.TerminalWriter"/> like <see cref="Out"/>.</summary>
    public TextWriter Error { get; } = new Output.TerminalWriter(error);

    /// <summary>True when stdout is an interactive terminal.</summary>
    public bool IsTerminal { get; } = isTerminal;

    /// <summary>
    /// How often a long run prints a plain progress line to <see cref="Error"/> (null: never). The process sets it when
    /// stderr is not a terminal, so a CI log is never silent for minutes; tests leave it off unless they test it.
    /// </summary>
    public TimeSpan? ProgressLineEvery { get; init; }

    /// <summary>The clock progress lines measure elapsed time on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>True when the real process's stdout is a terminal.</summary>
    public static bool StdoutIsTerminal() => !Console.IsOutputRedirected;

    /// <summary>A Spectre console that writes to <see cref="Out"/>: plain text, wide enough for tables, no colour when redirected.</summary>
    public IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            // The progress bar's own ANSI codes go to the stream underneath; its labels are the tool's own text.
            Out = new AnsiConsoleOutput(output),
            Ansi = IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!IsTerminal)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>
    /// Runs a command body: an <see cref="InputException"/> becomes one line on stderr and exit code 2, never a stack trace.
    /// </summary>
    public int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            Error.WriteLine($"ipplanner: error: {e.Message}");
            return ExitCodes.InputError;
        }
    }
}
