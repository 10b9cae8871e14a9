using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using NUnit.Framework;
using IpPlanner.Core.Planning;

namespace IpPlanner.Tests.Architecture;

/// <summary>
/// Core names an input by its role (<c>AwsImportInput</c>) and never by the CLI's flag for it: the CLI supplies its
/// flags as labels, so another front end can word its own. This reads every string Core compiles (the user-string
/// heap of its assembly, which holds every literal, interpolated pieces included, and its string constants) and fails
/// on a CLI flag. AWS's own flags inside an AWS CLI command ('aws ec2 describe-instance-types --instance-types T')
/// are AWS's, not ours, and allowed.
/// </summary>
public class CoreMessageTests
{
    private static readonly Assembly s_core = typeof(CapacityPlanner).Assembly;

    private static readonly Regex s_cliFlag = new(
        @"(?<![\w-])(?<!describe-instance-types )--(vpc-id|vpcs|cluster|instances|network-interfaces|aws-node|eniconfigs|ec2nodeclasses|instance-types|scale)(?![\w-])",
        RegexOptions.CultureInvariant);

    private static List<string> CoreStrings()
    {
        using var stream = File.OpenRead(s_core.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var strings = new List<string>();
        var handle = MetadataTokens.UserStringHandle(1);
        while (!handle.IsNil)
        {
            strings.Add(reader.GetUserString(handle));
            handle = reader.GetNextHandle(handle);
        }

        const BindingFlags all = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        strings.AddRange(s_core.GetTypes().SelectMany(t => t.GetFields(all))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!));
        return strings;
    }

    [Test]
    public void Core_Strings_NameNoCliFlag()
    {
        var offending = CoreStrings().Where(s => s_cliFlag.IsMatch(s)).ToList();
        Assert.That(offending, Is.Empty, "Core's strings name a CLI flag:\n" + string.Join("\n", offending));
    }

    [Test]
    public void Core_Strings_AreReallyRead()
    {
        // The scan above only means something if it reads Core's literals: one message and one AWS command it holds.
        var strings = CoreStrings();
        Assert.That(strings, Has.Some.Contains("describe-instance-types --instance-types"));
        Assert.That(strings, Has.Some.Contains("is not a valid range of pending pods"));
    }

    [TestCase("give --vpc-id, or --cluster")]
    [TestCase("(--eniconfigs)")]
    [TestCase("--scale: x")]
    [TestCase("give --instance-types with")]
    public void CliFlag_Pattern_CatchesFlags(string text) => Assert.That(s_cliFlag.IsMatch(text), Is.True);

    [TestCase("'aws ec2 describe-instance-types --instance-types m5.large'")]
    [TestCase("'aws eks describe-cluster --name NAME'")]
    [TestCase("the describe-vpcs output")]
    public void CliFlag_Pattern_AllowsAwsCommands(string text) => Assert.That(s_cliFlag.IsMatch(text), Is.False);
}
