using IpPlanner.Cli.Output;
using NUnit.Framework;
using IpPlanner.Core.Input;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Tests.ScenarioFile;

/// <summary>The document writer the import uses: YAML that reads back as written, JSON twins, and atomic files.</summary>
[TestFixture]
public sealed class ScenarioWriterTests
{
    private static readonly string[] s_awkwardStrings =
    [
        "1", "0", "-3", "1.5", "1e3", ".5", "0x1F", "0o17", "true", "False", "yes", "No", "on", "OFF", "y", "n", "null", "~", "",
        "2024-01-10", "a b", "key: value", "# not a comment", "- item", "[list]", "{map}", "*alias", "&anchor", "!tag", "%directive",
        "@at", "`tick`", "'single'", "\"double\"", "back\\slash", "tab\there", "line\nbreak", "trailing ", " leading", "ünïcødé",
        "10.0.0.1", "10.0.0.0/24", "subnet-0abc", "kubernetes.io/role/elb", "1.19.2", "eu-west-1a",
        "ng\n", "1\n", "0x1F\n", "subnet-a\r\n",
    ];

    [Test]
    public void Write_EmptyCommentLine_IsABareHashWithNoTrailingSpace()
    {
        // A paragraph break in a comment (import's and recommend --write's headers have them) is "#" alone: YamlDotNet
        // writes "# ", a trailing space that editors flag and diffs show.
        var root = new DocMap();
        root.Comment("first").Comment("").Comment("third");
        root.Set("cluster", new DocMap()).Set("name", "x");
        var yaml = ScenarioYaml.Write(root);
        Assert.Multiple(() =>
        {
            Assert.That(yaml, Does.StartWith("# first\n#\n# third\n"));
            Assert.That(yaml.Split('\n'), Has.None.EndsWith(" "));
        });
    }

    [TestCaseSource(nameof(s_awkwardStrings))]
    public void Write_AwkwardString_ReadsBackAsTheSameString(string value)
    {
        var root = new DocMap();
        root.Set("value", value);
        root.Set("list", DocList.OfStrings([value, "x"]));
        var yaml = ScenarioYaml.Write(root);

        var parsed = (YMapping)YamlTree.Parse(yaml, (at, code, message) => Assert.Fail($"{at}: {message}\n{yaml}"))!;

        var scalar = (YScalar)parsed.Entries[0].Value;
        Assert.That(scalar.Value, Is.EqualTo(value), yaml);
        Assert.That(scalar.IsNull, Is.False, yaml);
        var item = (YScalar)((YSequence)parsed.Entries[1].Value).Items[0];
        Assert.That(item.Value, Is.EqualTo(value), yaml);
    }

    [TestCase("1", ExpectedResult = "\"1\"")]
    [TestCase("true", ExpectedResult = "\"true\"")]
    [TestCase("10.0.1.7", ExpectedResult = "10.0.1.7")]
    [TestCase("100.64.1.96/28", ExpectedResult = "100.64.1.96/28")]
    [TestCase("subnet-0a11c3e5f7a9b1d01", ExpectedResult = "subnet-0a11c3e5f7a9b1d01")]
    public string Write_ScenarioValues_StayPlainUnlessYamlWouldMisreadThem(string value)
    {
        var root = new DocMap();
        root.Set("value", value);
        var yaml = ScenarioYaml.Write(root);
        Assert.That(yaml, Does.StartWith("value: ").And.EndWith("\n"));
        return yaml["value: ".Length..^1];
    }

    [Test]
    public void Write_NumbersAndBooleans_AreUnquoted()
    {
        var root = new DocMap();
        root.Set("nodes", 3);
        root.Set("public", true);

        Assert.That(ScenarioYaml.Write(root), Is.EqualTo("nodes: 3\n\npublic: true\n"));
    }

    [Test]
    public void Write_CommentsAndListsOfMappings_LookLikeTheSamples()
    {
        var root = new DocMap();
        root.Comment("Header line.");
        var subnets = root.Set("subnets", new DocList());
        var subnet = subnets.Add(new DocMap());
        subnet.Comment("About the subnet.");
        subnet.Set("id", "subnet-a").Trailing = "its id";
        var taken = subnet.Set("taken", new DocList());
        taken.Add(DocScalar.Of("10.0.0.7")).Comment("eni-1: RDS");
        taken.Add(DocScalar.Of("10.0.0.32/28")).Trailing = "/28 prefix";

        Assert.That(ScenarioYaml.Write(root), Is.EqualTo(
            """
            # Header line.

            subnets:
            # About the subnet.
              - id: subnet-a # its id
                taken:
                # eni-1: RDS
                  - 10.0.0.7
                  - 10.0.0.32/28 # /28 prefix

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Write_LongComment_WrapsAtASpaceWithinTheWidth()
    {
        var root = new DocMap();
        root.Set("key", "value").Comment(string.Join(' ', Enumerable.Repeat("word", 60)));

        var lines = ScenarioYaml.Write(root).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines.Length, Is.GreaterThan(2));
        Assert.That(lines, Has.All.Length.LessThanOrEqualTo(ScenarioYaml.CommentWidth));
        var words = lines.Where(l => l.StartsWith('#')).SelectMany(l => l[2..].Split(' ')).ToList();
        Assert.That(words, Has.All.EqualTo("word"));
        Assert.That(words, Has.Count.EqualTo(60));
    }

    [Test]
    public void Write_LongBulletComment_WrapsUnderItsText()
    {
        var root = new DocMap();
        root.Comment("  - " + string.Join(' ', Enumerable.Repeat("word", 40)));
        root.Set("key", 1);

        var lines = ScenarioYaml.Write(root).Split('\n').TakeWhile(l => l.StartsWith('#')).ToList();

        Assert.That(lines, Has.Count.GreaterThan(1), "40 words do not fit one comment line");
        Assert.That(lines, Has.All.Length.LessThanOrEqualTo(ScenarioYaml.CommentWidth));
        Assert.That(lines[0], Does.StartWith("#   - word"));
        Assert.That(lines.Skip(1), Has.All.StartWith("#     word"));
    }

    [Test]
    public void Write_Json_KeepsTypesAndDropsComments()
    {
        var root = new DocMap();
        root.Comment("dropped");
        root.Set("name", "x \"quoted\"");
        root.Set("nodes", 3);
        root.Set("public", false);
        root.Set("subnets", DocList.OfStrings(["a", "b"]));

        Assert.That(DocJson.Write(root), Is.EqualTo(
            """
            {
              "name": "x \"quoted\"",
              "nodes": 3,
              "public": false,
              "subnets": [
                "a",
                "b"
              ]
            }

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Write_JsonFraction_IsAJsonNumber()
    {
        var root = new DocMap();
        root.Set("perMinute", DocScalar.Of(0.5));
        root.Set("sigma", DocScalar.Of(1e-7));

        Assert.That(DocJson.Write(root), Is.EqualTo("{\n  \"perMinute\": 0.5,\n  \"sigma\": 1E-07\n}\n"));
    }

    [Test]
    public void Of_NaN_IsRefusedBecauseNoDocumentCanHoldIt()
    {
        Assert.That(() => DocScalar.Of(double.NaN), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void WriteAllText_MissingDirectory_FailsAndCreatesNothing()
    {
        var root = Path.Combine(TestContext.CurrentContext.WorkDirectory, "atomic-" + TestContext.CurrentContext.Test.ID);
        var path = Path.Combine(root, "missing", "scenario.yaml");

        var e = Assert.Throws<InputException>(() => AtomicFile.WriteAllText(path, "x"))!;

        Assert.That(e.Message, Does.StartWith(path + ": cannot write: the directory").And.EndWith("does not exist"));
        Assert.That(Directory.Exists(root), Is.False);
    }

    [Test]
    public void WriteAllText_ExistingFile_IsReplacedWholeAndNoTemporaryFileRemains()
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "atomic-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "scenario.yaml");
            File.WriteAllText(path, "old content that is longer than the new one");

            AtomicFile.WriteAllText(path, "new");

            Assert.That(File.ReadAllText(path), Is.EqualTo("new"));
            Assert.That(Directory.GetFiles(directory), Is.EqualTo(new[] { path }));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void WriteAllText_PathIsADirectory_FailsWithoutTouchingIt()
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "atomic-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(directory);
        try
        {
            var e = Assert.Throws<InputException>(() => AtomicFile.WriteAllText(directory, "x"))!;

            Assert.That(e.Message, Does.Contain("is a directory"));
            Assert.That(Directory.GetFileSystemEntries(directory), Is.Empty);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
