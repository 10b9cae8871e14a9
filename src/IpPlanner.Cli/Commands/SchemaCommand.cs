using System.CommandLine;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Cli.Commands;

/// <summary><c>ipplanner schema</c>: prints the JSON Schema of the scenario format, for editors.</summary>
internal static class SchemaCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("schema", $"Print the JSON Schema (draft 2020-12) of scenario files, for editors: save it as {ScenarioSchema.FileName} next to your scenarios (the repository ships it as {ScenarioSchema.RepositoryPath}).");
        command.SetAction(_ => context.Guard(() =>
        {
            context.Out.Write(ScenarioSchema.Json());
            return ExitCodes.Ok;
        }));
        return command;
    }
}
