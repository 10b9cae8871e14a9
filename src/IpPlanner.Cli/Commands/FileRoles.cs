using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;
using IpPlanner.Cli.Output;

namespace IpPlanner.Cli.Commands;

/// <summary>What a path given on the command line is to the run: something it reads, or something it writes.</summary>
internal enum FileRole
{
    /// <summary>Read by the run (a scenario, an instance-type file, a price file, saved AWS output).</summary>
    Input,

    /// <summary>Written by the run (--html, --write, --plot).</summary>
    Output,
}

/// <summary>
/// Every option and argument that names a file says whether the run reads or writes it, where it is declared, and the
/// one check (<see cref="CheckOutputs"/>) reads them all from the parse: no verb lists its inputs by hand, so a new
/// input (as --prices once was) cannot be left out of it. A test walks the command tree for an unmarked file.
/// </summary>
internal static class FileRoles
{
    private static readonly ConditionalWeakTable<Symbol, object> s_roles = [];

    /// <summary>Marks <paramref name="symbol"/> as a file the run reads.</summary>
    public static T AsInput<T>(this T symbol) where T : Symbol
    {
        s_roles.AddOrUpdate(symbol, FileRole.Input);
        return symbol;
    }

    /// <summary>Marks <paramref name="symbol"/> as a file the run writes.</summary>
    public static T AsOutput<T>(this T symbol) where T : Symbol
    {
        s_roles.AddOrUpdate(symbol, FileRole.Output);
        return symbol;
    }

    /// <summary>The role of <paramref name="symbol"/>, or null when it names no file.</summary>
    public static FileRole? RoleOf(Symbol symbol) => s_roles.TryGetValue(symbol, out var role) ? (FileRole)role : null;

    /// <summary>
    /// Refuses, before any work, an output path that is one of the run's inputs (by file identity, after symlinks) or
    /// that two outputs share: <see cref="AtomicFile.CheckOutputs"/> over every path the parse holds for a marked symbol.
    /// </summary>
    public static void CheckOutputs(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var inputs = new List<string?>();
        var outputs = new List<(string Flag, string? Path)>();
        for (var result = (SymbolResult?)parse.CommandResult; result is not null; result = result.Parent)
        {
            if (result is not CommandResult command)
            {
                continue;
            }

            foreach (var child in command.Children)
            {
                var (symbol, tokens) = child switch
                {
                    OptionResult o => ((Symbol)o.Option, o.Tokens),
                    ArgumentResult a => (a.Argument, a.Tokens),
                    _ => (null!, (IReadOnlyList<Token>)[]),
                };
                switch (symbol is null ? null : RoleOf(symbol))
                {
                    case FileRole.Input:
                        inputs.AddRange(tokens.Select(t => t.Value));
                        break;
                    case FileRole.Output:
                        outputs.AddRange(tokens.Select(t => (symbol!.Name, (string?)t.Value)));
                        break;
                }
            }
        }

        AtomicFile.CheckOutputs(outputs, inputs);
    }
}
