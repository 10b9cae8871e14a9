using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Input;

namespace IpPlanner.Cli.Commands;

/// <summary>Options shared by several verbs, built the same way everywhere.</summary>
internal static class CommonOptions
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

    /// <summary>
    /// <c>--launch sequential|burst</c>: whether the new nodes of a step start one at a time or at once (every primary
    /// IP first, then the warm pools); docs/rules.md, "Launch order".
    /// </summary>
    public static Option<string> Launch(string what)
    {
        var option = new Option<string>("--launch")
        {
            Description = $"How {what} start: sequential (one at a time, each with its warm pool and pods) or burst (all at once: every primary IP first, then the warm pools)",
            DefaultValueFactory = _ => "sequential",
        };
        option.AcceptOnlyFromAmong("sequential", "burst");
        return option;
    }

    /// <summary>The order a <see cref="Launch"/> option's value names.</summary>
    public static Core.Engine.LaunchOrder LaunchOrder(string? value) => Core.Engine.LaunchOrders.Parse(value) ?? Core.Engine.LaunchOrder.Sequential;

    /// <summary><c>--instance-types FILE</c>: a describe-instance-types JSON whose entries override the embedded catalog.</summary>
    public static Option<FileInfo?> InstanceTypes() => new Option<FileInfo?>("--instance-types")
    {
        Description = "JSON from 'aws ec2 describe-instance-types --output json'; its entries override the embedded catalog",
        HelpName = "FILE",
    }.AsInput();

    /// <summary><c>--prices FILE</c>: a user's on-demand prices for the types NodePools launch.</summary>
    public static Option<FileInfo?> Prices() => new Option<FileInfo?>("--prices")
    {
        Description = "CSV of instance_type,usd_per_hour: on-demand prices that replace the embedded us-east-1 ones when a NodePool picks the cheapest type",
        HelpName = "FILE",
    }.AsInput();

    /// <summary><c>--cluster NAME</c>: which cluster of a scenario with several to work on (the others stay as planned).</summary>
    public static Option<string?> Cluster() => new("--cluster")
    {
        Description = "The cluster to work on when the scenario lists several under clusters (required then); the other clusters keep their planned nodes and addresses",
        HelpName = "NAME",
    };

    /// <summary>The embedded catalog, overridden by the user's file when given, with the user's prices when given.</summary>
    public static InstanceCatalog LoadCatalog(FileInfo? file, FileInfo? prices = null)
    {
        var catalog = file is null
            ? InstanceCatalog.Embedded
            : InstanceCatalog.Embedded.WithOverrides(DescribeInstanceTypesReader.ReadFile(ScenarioInput.PathOf(file)));
        return prices is null ? catalog : PriceFile.Apply(catalog, ScenarioInput.PathOf(prices));
    }

    /// <summary>
    /// A whole-number option bounded to <paramref name="min"/>..<paramref name="max"/>: every numeric range check of
    /// the CLI lives here, as a parser that says what is wrong in the user's words (never "System.Int32").
    /// </summary>
    public static Option<int> WholeNumber(string name, string description, int min, int max, int? defaultValue = null)
    {
        var option = new Option<int>(name)
        {
            Description = $"{description} ({Range(min, max)})",
            CustomParser = result => ParseInt(result, name, min, max) ?? default,
        };
        if (defaultValue is { } d)
        {
            option.DefaultValueFactory = _ => d;
        }

        return option;
    }

    /// <summary>Like <see cref="WholeNumber"/>, for an option that may be left out (null).</summary>
    public static Option<int?> OptionalWholeNumber(string name, string description, int min, int max) => new(name)
    {
        Description = $"{description} ({Range(min, max)})",
        CustomParser = result => ParseInt(result, name, min, max),
    };

    /// <summary>A number option (fractions allowed) bounded to <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static Option<double> Number(string name, string description, double min, double max, double defaultValue) => new(name)
    {
        Description = $"{description} ({Range(min, max)})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (text is null)
            {
                return defaultValue;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                result.AddError($"{name}: '{text}' is not a number ({Range(min, max)}){NumberText.ForeignDigitHint(text)}");
                return defaultValue;
            }

            if (value < min || value > max)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: {value} is out of range ({Range(min, max)})"));
            }

            return value;
        },
    };

    private static int? ParseInt(ArgumentResult result, string name, int min, int max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            // Digits past what a long holds are still a number, only far too large (or small) for the option.
            var digits = text.Length > 1 && text[0] is '-' or '+' ? text[1..] : text;
            var problem = digits.Length > 0 && digits.All(char.IsAsciiDigit) ? "is out of range" : "is not a whole number";
            result.AddError($"{name}: '{text}' {problem} ({Range(min, max)}){NumberText.ForeignDigitHint(text)}");
            return null;
        }

        if (value < min || value > max)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: {value:N0} is out of range ({Range(min, max)})"));
            return null;
        }

        return (int)value;
    }

    private static string Range(double min, double max) => string.Create(CultureInfo.InvariantCulture, $"{min:#,0.##} to {max:#,0.##}");
}
