using System.Globalization;
using System.CommandLine;
using IpPlanner.Cli.Commands;

namespace IpPlanner.Cli;

/// <summary>Builds the command tree (for Main and for the tests) and runs it.</summary>
internal static class CliApp
{
    // Every verb, by the name it is typed as, and how to build it. A run builds only the verb it names (building all
    // eleven, with every option's parser and default, was a sixth of a short plan's start-up); a run that names
    // none, or a name that is no verb, gets the whole tree for the root help and the "did you mean" suggestions.
    private static readonly (string Name, Func<CliContext, Command> Create)[] s_verbs =
    [
        ("maxpods", MaxPodsCommand.Create),
        ("catalog", CatalogCommand.Create),
        ("node", NodeCommand.Create),
        ("plan", c => PlanCommand.Create(c)),
        ("simulate", c => SimulateCommand.Create(c)),
        ("recommend", c => RecommendCommand.Create(c)),
        ("runway", c => RunwayCommand.Create(c)),
        ("validate", ValidateCommand.Create),
        ("import", ImportCommand.Create),
        ("schema", SchemaCommand.Create),
        ("serve", ServeCommand.Create),
    ];

    /// <summary>The names of every verb, in the order the root help lists them.</summary>
    public static IReadOnlyList<string> VerbNames { get; } = [.. s_verbs.Select(v => v.Name)];

    /// <summary>The root command with every verb.</summary>
    public static RootCommand Build(CliContext context) => Build(context, verb: null);

    /// <summary>
    /// The root command with only the verb named <paramref name="verb"/> when it is one (parsing and running it needs
    /// no other), else with every verb.
    /// </summary>
    public static RootCommand Build(CliContext context, string? verb)
    {
        var root = new RootCommand("IpPlanner: pod IP address planning for Amazon EKS clusters on the Amazon VPC CNI.");
        var only = Array.FindIndex(s_verbs, v => v.Name == verb);
        foreach (var (_, create) in only >= 0 ? s_verbs.AsSpan(only, 1) : s_verbs)
        {
            root.Subcommands.Add(create(context));
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool isTerminal = false) =>
        Run(args, new CliContext(output, error, isTerminal));

    /// <summary>Parses and runs <paramref name="args"/> in <paramref name="context"/>; returns the process exit code.</summary>
    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);

        // The tool speaks English: System.CommandLine's own messages (usage errors, help headings) would otherwise
        // follow the machine's UI culture and print German beside English lines. Numbers never read a culture at all.
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return RunInvariant(args, context);
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    private static int RunInvariant(string[] args, CliContext context)
    {
        var (output, error) = (context.Out, context.Error);
        var root = Build(context, args.Length > 0 ? args[0] : null);

        // No verb is a question, not an error: answer it with the help, as git and kubectl do.
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
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
            // Before any verb runs: an output path that is one of the run's inputs, or that two outputs share.
            try
            {
                FileRoles.CheckOutputs(parse);
            }
            catch (Core.Input.InputException e)
            {
                error.WriteLine($"ipplanner: error: {e.Message}");
                return ExitCodes.InputError;
            }

            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is Output.OutputStreamException || e.InnerException is Output.OutputStreamException)
        {
            var stream = e as Output.OutputStreamException ?? (Output.OutputStreamException)e.InnerException!;
            TryWrite(error, $"ipplanner: error: {stream.Message}");
            return ExitCodes.OutputError;
        }
#pragma warning disable CA1031 // The last line of defence: a bug prints one line, not a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error.WriteLine($"ipplanner: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} (please report this)");
            return ExitCodes.InternalError;
        }
    }

    private static void TryWrite(TextWriter error, string line)
    {
        try
        {
            error.WriteLine(line);
        }
        catch (IOException)
        {
            // stderr is gone too: the exit code is all that is left to say it.
        }
    }
}
