using System.Text;
using NUnit.Framework;

namespace IpPlanner.Tests.Docs;

/// <summary>
/// Every <c>```console</c> block of README.md, docs/ and samples/**/README.md prints, now, what the page shows. Each
/// block runs in a fresh temporary folder holding a copy of samples/ and schema/ and an empty docs/, so a command reads
/// the samples by the paths the page uses and whatever it writes (<c>--write</c>, <c>--plot</c>, <c>--html</c>) lands
/// there, never in the repository. A page is one shell session: before a block runs, the file-writing commands of
/// the page's earlier blocks (<c>--write</c>, <c>sed -i</c>) run in the same folder, so a later block can read what an
/// earlier one wrote. A line holding only <c>...</c> matches any run of lines. When an excerpt differs, the tool is the
/// truth: copy what it prints into the page, unless what it prints is wrong.
/// </summary>
[NonParallelizable] // a session sets the process's current directory
public class ConsoleSessionTests
{
    /// <summary>Blocks the test cannot run, named by their page and first command, with the reason.</summary>
    private static readonly Dictionary<(string File, string FirstCommand), string> s_skipped = new()
    {
        [("docs/serve.md", "ipplanner serve samples/near-exhaustion.yaml")] =
            "serve keeps running until Ctrl+C",
    };

    private static IEnumerable<ConsoleBlock> AllBlocks() =>
        DocsFiles.WithConsoleSessions().SelectMany(f => ConsoleBlock.Parse(f, File.ReadAllText(DocsFiles.Full(f))));

    private static IEnumerable<TestCaseData> Blocks()
    {
        foreach (var block in AllBlocks())
        {
            var data = new TestCaseData(block).SetArgDisplayNames(block.Name);
            yield return s_skipped.TryGetValue((block.File, block.FirstCommand), out var reason) ? data.Ignore(reason) : data;
        }
    }

    [TestCaseSource(nameof(Blocks))]
    public void ConsoleBlock_RunNow_PrintsWhatThePageShows(ConsoleBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var unknown = block.Commands.FirstOrDefault(c => !SessionRunner.CanRun(c));
        Assert.That(unknown, Is.Null,
            $"{block.Name}: '{unknown?.Text}' is not a command this test runs: show it in a ```sh block, or add the block to the skip list with its reason");

        var failures = new StringBuilder();
        InSessionFolder(() =>
        {
            foreach (var earlier in EarlierWriters(block))
            {
                var replay = SessionRunner.Run(earlier);
                Assert.That(replay.ExitCode, Is.Not.EqualTo(70), $"{block.File}:{earlier.Line}: {earlier.Text} (replayed for a later block)");
            }

            foreach (var command in block.Commands)
            {
                var result = SessionRunner.Run(command);
                Assert.That(result.ExitCode, Is.Not.EqualTo(70), $"{block.File}:{command.Line}: {command.Text}: an internal error\n{string.Join('\n', result.Lines)}");
                if (Excerpt.Mismatch(command.Expected, result.Lines) is { } mismatch)
                {
                    failures.Append($"{block.File}:{command.Line}: $ {command.Text}\n{mismatch}\n--- printed now:\n{string.Join('\n', result.Lines)}\n---\n");
                }
            }
        });

        Assert.That(failures.ToString(), Is.Empty);
    }

    [Test]
    public void SkipList_EveryEntry_NamesABlockThatExists()
    {
        // A skip entry whose block was edited or removed would otherwise skip nothing, silently.
        var blocks = AllBlocks().Select(b => (b.File, b.FirstCommand)).ToHashSet();
        Assert.That(s_skipped.Keys.Where(k => !blocks.Contains(k)), Is.Empty);
    }

    [Test]
    public void Pages_ConsoleBlocks_AreFound()
    {
        // The parser finding nothing would make every page pass.
        var counts = AllBlocks().GroupBy(b => b.File).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(counts.GetValueOrDefault("README.md"), Is.GreaterThan(0));
        Assert.That(counts.GetValueOrDefault("samples/aws/README.md"), Is.GreaterThan(0));
    }

    [Test]
    public void Excerpt_Elision_MatchesAnyRunOfLines()
    {
        string[] printed = ["a", "b", "c", "d", "e"];
        Assert.That(Excerpt.Mismatch(["a", "...", "e"], printed), Is.Null);
        Assert.That(Excerpt.Mismatch(["a", "...", "c", "...", "e"], printed), Is.Null);
        Assert.That(Excerpt.Mismatch(["...", "d", "e"], printed), Is.Null);
        Assert.That(Excerpt.Mismatch(["a", "b", "..."], printed), Is.Null);
        Assert.That(Excerpt.Mismatch(["a", "b", "c", "d", "e", "..."], printed), Is.Null);
    }

    [Test]
    public void Excerpt_WrongOrMissingLine_IsAMismatch()
    {
        string[] printed = ["a", "b", "c", "d", "e"];
        Assert.That(Excerpt.Mismatch(["a", "b", "c", "d"], printed), Is.Not.Null);
        Assert.That(Excerpt.Mismatch(["a", "...", "d"], printed), Is.Not.Null);
        Assert.That(Excerpt.Mismatch(["b", "...", "e"], printed), Is.Not.Null);
        Assert.That(Excerpt.Mismatch(["a", "...", "d", "...", "c"], printed), Is.Not.Null);
        Assert.That(Excerpt.Mismatch(["a", "x", "..."], printed), Is.Not.Null);
    }

    [Test]
    public void Parse_ContinuationAndOutput_SplitIntoCommands()
    {
        const string page = "text\n\n```console\n$ ipplanner import --a x \\\n    --b 'y z'   # a comment\nout 1\n$ head -2 f\nl1\nl2\n```\n";
        var block = ConsoleBlock.Parse("p.md", page).Single();
        Assert.That(block.Line, Is.EqualTo(3));
        Assert.That(block.Commands.Select(c => c.Line), Is.EqualTo(new[] { 4, 7 }));
        Assert.That(block.Commands[0].Words, Is.EqualTo(new[] { "ipplanner", "import", "--a", "x", "--b", "y z" }));
        Assert.That(block.Commands[0].Expected, Is.EqualTo(new[] { "out 1" }));
        Assert.That(block.Commands[1].Expected, Is.EqualTo(new[] { "l1", "l2" }));
    }

    /// <summary>The commands of the page's earlier blocks that write a file a later block may read.</summary>
    private static IEnumerable<ConsoleCommand> EarlierWriters(ConsoleBlock block) =>
        ConsoleBlock.Parse(block.File, File.ReadAllText(DocsFiles.Full(block.File)))
            .Where(b => b.Line < block.Line && !s_skipped.ContainsKey((b.File, b.FirstCommand)))
            .SelectMany(b => b.Commands)
            .Where(c => SessionRunner.CanRun(c) && (c.Words.Contains("--write") || c.Words[0] == "sed"));

    /// <summary>Runs <paramref name="body"/> with the current directory set to a fresh copy of samples/ and schema/.</summary>
    private static void InSessionFolder(Action body)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipplanner-docs-" + Guid.NewGuid().ToString("N"));
        Copy(DocsFiles.Full("samples"), Path.Combine(folder, "samples"));
        Copy(DocsFiles.Full("schema"), Path.Combine(folder, "schema"));
        Directory.CreateDirectory(Path.Combine(folder, "docs"));
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder;
        try
        {
            body();
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
