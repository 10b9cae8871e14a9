namespace IpPlanner.Tests.Docs;

/// <summary>The repository's Markdown pages a reader is sent to, found from the test's own folder.</summary>
public static class DocsFiles
{
    /// <summary>The repository root: the first folder above the test binaries that holds IpPlanner.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>README.md, docs/**/*.md and samples/**/README.md: the pages whose console sessions are checked.</summary>
    public static IReadOnlyList<string> WithConsoleSessions() =>
    [
        "README.md",
        .. Under("docs", "*.md"),
        .. Under("samples", "README.md"),
    ];

    /// <summary>Every page whose links are checked: the ones above, CHANGELOG.md and benchmarks/RESULTS.md.</summary>
    public static IReadOnlyList<string> WithLinks() =>
    [
        .. WithConsoleSessions(),
        .. new[] { "CHANGELOG.md", Path.Combine("benchmarks", "RESULTS.md") }.Where(p => File.Exists(Full(p))),
    ];

    /// <summary>The absolute path of a repository-relative path.</summary>
    public static string Full(string relative) => Path.Combine(RepositoryRoot, relative);

    /// <summary>A repository-relative path with forward slashes, as a reader sees it and a test name shows it.</summary>
    public static string Relative(string full) => Path.GetRelativePath(RepositoryRoot, full).Replace('\\', '/');

    private static IEnumerable<string> Under(string folder, string pattern) =>
        Directory.GetFiles(Full(folder), pattern, SearchOption.AllDirectories)
            .Select(Relative)
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpPlanner.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no IpPlanner.sln above {AppContext.BaseDirectory}");
    }
}
