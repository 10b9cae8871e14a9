using IpPlanner.Cli;
using IpPlanner.Cli.Output;
using IpPlanner.Core.Input;

// Before anything is written or read: a standard stream the shell closed now names another file (StandardStreams).
var closed = StandardStreams.ClosedAtStart();
var error = closed.Error ? TextWriter.Null : Console.Error;
if (closed.Output)
{
    error.WriteLine("ipplanner: error: cannot write to standard output: it is closed");
    return ExitCodes.OutputError;
}

BoundedInput.StandardInput = closed.Input
    ? () => throw new IOException("standard input is closed")
    : Console.OpenStandardInput;
var context = new CliContext(new GuardedWriter(StandardStreams.Output(), "standard output"), error, CliContext.StdoutIsTerminal())
{
    // A terminal gets the progress bar (or nothing); a log file or CI job gets a plain line every ~10 s.
    ProgressLineEvery = Console.IsErrorRedirected ? TimeSpan.FromSeconds(10) : null,
};
return CliApp.Run(args, context);
