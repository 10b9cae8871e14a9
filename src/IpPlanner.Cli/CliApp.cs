using System.CommandLine;
using IpPlanner.Cli.Commands;

namespace IpPlanner.Cli;

/// <summary>Builds the command tree (for Main and for the tests) and runs it.</summary>
public static class CliApp
{
    /// <summary>The root command with every verb.</summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("IpPlanner: pod IP address planning for Amazon EKS clusters on the Amazon VPC CNI.");
        root.Subcommands.Add(MaxPodsCommand.Create(context));
        root.Subcommands.Add(CatalogCommand.Create(context));
        root.Subcommands.Add(NodeCommand.Create(context));
        root.Subcommands.Add(PlanCommand.Create(context));
        root.Subcommands.Add(SimulateCommand.Create(context));
        root.Subcommands.Add(RecommendCommand.Create(context));
        root.Subcommands.Add(RunwayCommand.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool isTerminal = false)
    {
        var context = new CliContext(output, error, isTerminal);
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line per problem, then the usual hint; usage errors are input errors.
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"ipplanner: error: {problem.Message}");
            }

            error.WriteLine("Run 'ipplanner --help' (or 'ipplanner COMMAND --help') for usage.");
            return ExitCodes.InputError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
#pragma warning disable CA1031 // The last line of defence: a bug prints one line, not a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error.WriteLine($"ipplanner: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} (please report this)");
            return ExitCodes.InternalError;
        }
    }
}
