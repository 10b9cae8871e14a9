using IpPlanner.Cli;

var context = new CliContext(new IpPlanner.Cli.Output.GuardedWriter(Console.Out, "standard output"), Console.Error, CliContext.StdoutIsTerminal())
{
    // A terminal gets the progress bar (or nothing); a log file or CI job gets a plain line every ~10 s.
    ProgressLineEvery = Console.IsErrorRedirected ? TimeSpan.FromSeconds(10) : null,
};
return CliApp.Run(args, context);
