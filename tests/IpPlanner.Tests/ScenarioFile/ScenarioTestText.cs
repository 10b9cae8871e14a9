using IpPlanner.Core.ScenarioFile;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.ScenarioFile;

/// <summary>A minimal valid scenario whose line numbers the rule tests rely on, and helpers to load text.</summary>
internal static class ScenarioTestText
{
    /// <summary>Line numbers are in the comments; one-line replacements keep them.</summary>
    public const string Base =
        """
        cluster:
          name: test
          controlPlaneSubnets: [subnet-a, subnet-b]
        vpc:
          cidrs: [10.0.0.0/16]
        subnets:
          - id: subnet-a
            cidr: 10.0.0.0/24
            zone: us-east-1a
          - id: subnet-b
            cidr: 10.0.1.0/24
            zone: us-east-1b
        nodeGroups:
          - name: workers
            instanceType: m5.large
            subnets: [subnet-a, subnet-b]
            nodes: 3
            podsPerNode: 10

        """;

    // Lines of Base, named so the cases read as what they point at.
    public const int ControlPlaneLine = 3;
    public const int VpcCidrsLine = 5;
    public const int SubnetALine = 7;
    public const int SubnetACidrLine = 8;
    public const int SubnetBLine = 10;
    public const int SubnetBIdLine = 10;
    public const int SubnetBCidrLine = 11;
    public const int NodeGroupLine = 14;
    public const int InstanceTypeLine = 15;
    public const int NodeGroupSubnetsLine = 16;
    public const int NodesLine = 17;
    public const int PodsPerNodeLine = 18;

    /// <summary>The first line after <see cref="Base"/>, where appended sections start.</summary>
    public const int AppendedLine = 19;

    /// <summary><see cref="Base"/> with one exact line replaced; fails loudly when the line is not there.</summary>
    public static string With(string line, string replacement) => With(Base, line, replacement);

    public static string With(string text, string line, string replacement)
    {
        var lines = text.Split('\n');
        var index = Array.IndexOf(lines, line);
        if (index < 0)
        {
            throw new ArgumentException($"line not found in the base scenario: '{line}'", nameof(line));
        }

        lines[index] = replacement;
        return string.Join('\n', lines);
    }

    /// <summary><see cref="Base"/> followed by <paramref name="more"/> (whole top-level sections).</summary>
    public static string Append(string more) => Base + more;

    /// <summary>An array from its items, for expected values (CA1861 objects to inline constant arrays).</summary>
    public static T[] Items<T>(params T[] items) => items;

    public static ScenarioLoadResult Load(string text) => LoadText(text, "test.yaml");
}
