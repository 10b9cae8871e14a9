using IpPlanner.Cli;

return CliApp.Run(args, Console.Out, Console.Error, CliContext.StdoutIsTerminal());
