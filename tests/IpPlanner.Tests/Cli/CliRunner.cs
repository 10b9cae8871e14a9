using NUnit.Framework;
using IpPlanner.Cli;

namespace IpPlanner.Tests.Cli;

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
