using System.CommandLine;
using IpPlanner.Core.Catalog;

namespace IpPlanner.Cli.Commands;

/// <summary>Options shared by several verbs, built the same way everywhere.</summary>
public static class CommonOptions
{
    /// <summary><c>-o, --output</c> restricted to <paramref name="formats"/>; the first is the default.</summary>
    public static Option<string> Output(params string[] formats)
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = $"Output format: {string.Join(", ", formats)}",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    /// <summary><c>--instance-types FILE</c>: a describe-instance-types JSON whose entries override the embedded catalog.</summary>
    public static Option<FileInfo?> InstanceTypes() => new("--instance-types")
    {
        Description = "JSON from 'aws ec2 describe-instance-types --output json'; its entries override the embedded catalog",
        HelpName = "FILE",
    };

    /// <summary>The embedded catalog, overridden by the user's file when given.</summary>
    public static InstanceCatalog LoadCatalog(FileInfo? file) =>
        file is null
            ? InstanceCatalog.Embedded
            : InstanceCatalog.Embedded.WithOverrides(DescribeInstanceTypesReader.ReadFile(file.FullName));
}
