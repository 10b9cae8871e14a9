using System.Globalization;
using System.Text;

namespace IpPlanner.Tests.Hostile;

/// <summary>
/// Scenario files a careless editor, a broken pipeline or an attacker could hand the tool, written into a folder:
/// other encodings, bytes that are not UTF-8, an alias bomb, deep nesting, a file past the size limit, control
/// characters and bidi overrides in names, digits of other scripts, AWS-reserved and overlapping <c>taken</c> entries,
/// a symlink loop, a folder. Each is named for what it is, so a failing case says which input broke the tool.
/// </summary>
internal static class HostileFiles
{
    /// <summary>The name of every hostile scenario <see cref="WriteAll"/> writes.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "utf16le-bom.yaml", "utf16be-bom.yaml", "utf32-bom.yaml", "utf8-bom.yaml", "latin1.yaml", "nul-byte.yaml",
        "empty.yaml", "comments-only.yaml", "json-null.json", "top-level-list.yaml", "alias-bomb.yaml",
        "deep-flow.yaml", "deep-block.yaml", "too-large.yaml", "control-names.yaml", "full-width-digits.yaml",
        "arabic-digits.yaml", "huge-numbers.yaml", "taken-reserved.yaml", "taken-overlap.yaml", "loop.yaml",
        "folder.yaml",
    ];

    /// <summary>A name with an ANSI colour, an OSC window title, BEL, a right-to-left override and a byte order mark.</summary>
    public const string ControlName = "shop\u001b[31mRED\u001b]0;pwned\u0007\u202Eevil\uFEFF";

    /// <summary>Writes every file of <see cref="Names"/> into <paramref name="folder"/>.</summary>
    public static void WriteAll(string folder)
    {
        var sample = File.ReadAllText(Fixtures.Sample("small-3az.yaml"));
        var runway = File.ReadAllText(Fixtures.Sample("runway.yaml"));
        string At(string name) => Path.Combine(folder, name);

        File.WriteAllText(At("utf16le-bom.yaml"), sample, new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        File.WriteAllText(At("utf16be-bom.yaml"), sample, new UnicodeEncoding(bigEndian: true, byteOrderMark: true));
        File.WriteAllText(At("utf32-bom.yaml"), sample, new UTF32Encoding(bigEndian: false, byteOrderMark: true));
        File.WriteAllText(At("utf8-bom.yaml"), sample, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.WriteAllBytes(At("latin1.yaml"), Encoding.Latin1.GetBytes(sample.Replace("name: shop-prod", "name: caf\u00e9-\u00fc", StringComparison.Ordinal)));
        File.WriteAllText(At("nul-byte.yaml"), sample.Replace("name: shop-prod", "name: shop\0prod", StringComparison.Ordinal));
        File.WriteAllText(At("empty.yaml"), "");
        File.WriteAllText(At("comments-only.yaml"), "# nothing here\n# at all\n");
        File.WriteAllText(At("json-null.json"), "null");
        File.WriteAllText(At("top-level-list.yaml"), "- 1\n- 2\n");

        // The billion laughs: nine levels of nine aliases, 387 million strings if expanded.
        var bomb = new StringBuilder("a0: &a0 [\"lol\"]\n");
        for (var level = 1; level <= 9; level++)
        {
            bomb.Append(CultureInfo.InvariantCulture, $"a{level}: &a{level} [");
            bomb.AppendJoin(", ", Enumerable.Repeat($"*a{level - 1}", 9));
            bomb.Append("]\n");
        }

        bomb.Append("cluster: *a9\n");
        File.WriteAllText(At("alias-bomb.yaml"), bomb.ToString());

        File.WriteAllText(At("deep-flow.yaml"), "cluster: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        var deep = new StringBuilder();
        for (var depth = 0; depth < 5_000; depth++)
        {
            deep.Append(' ', depth).Append("a:\n");
        }

        File.WriteAllText(At("deep-block.yaml"), deep.ToString());

        // 16 MiB is the scenario limit (ScenarioLoader.MaxFileBytes): one comment line more than that.
        using (var big = File.Create(At("too-large.yaml")))
        {
            var line = Encoding.ASCII.GetBytes("# " + new string('x', 1021) + "\n");
            for (var i = 0; i <= 16 * 1024; i++)
            {
                big.Write(line);
            }
        }

        File.WriteAllText(At("control-names.yaml"), sample
            .Replace("name: shop-prod", $"name: \"{Yaml(ControlName)}\"", StringComparison.Ordinal)
            .Replace("- name: system", $"- name: \"sys{Yaml("\u001b[2J\u202E")}\"", StringComparison.Ordinal));
        File.WriteAllText(At("full-width-digits.yaml"), runway.Replace("growth: +5%/month", "growth: +\uFF15%/month", StringComparison.Ordinal));
        File.WriteAllText(At("arabic-digits.yaml"), sample.Replace("nodes: 3", "nodes: \u0663", StringComparison.Ordinal));
        File.WriteAllText(At("huge-numbers.yaml"), sample
            .Replace("nodes: 3", "nodes: 99999999999999999999999", StringComparison.Ordinal)
            .Replace("maxNodes: 6", "maxNodes: 1e400", StringComparison.Ordinal));
        File.WriteAllText(At("taken-reserved.yaml"), sample.Replace("inUse: 12 ", "taken: [10.0.32.1] ", StringComparison.Ordinal));
        File.WriteAllText(At("taken-overlap.yaml"), sample.Replace("inUse: 12 ", "taken: [10.0.32.16/28, 10.0.32.20] ", StringComparison.Ordinal));
        File.CreateSymbolicLink(At("loop.yaml"), "loop.yaml");
        Directory.CreateDirectory(At("folder.yaml"));
    }

    /// <summary><paramref name="text"/> as the inside of a double-quoted YAML scalar (control characters as \uXXXX).</summary>
    private static string Yaml(string text)
    {
        var quoted = new StringBuilder();
        foreach (var c in text)
        {
            quoted.Append(c < ' ' || c is '\u202E' or '\uFEFF' ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString());
        }

        return quoted.ToString();
    }
}
