using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>Collects diagnostics and the position of every field read, for one file.</summary>
internal sealed class DiagnosticBag(string file)
{
    private readonly List<Finding> _items = [];
    private readonly Dictionary<string, SourcePosition> _positions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _errorPaths = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public bool HasErrors { get; private set; }

    public IReadOnlyDictionary<string, SourcePosition> Positions => _positions;

    /// <summary>Remembers where <paramref name="path"/> was written (the first time wins).</summary>
    public void Record(string path, SourcePosition position) => _positions.TryAdd(path, position);

    public SourcePosition Locate(string path) => SourceMap.Locate(_positions, path);

    /// <summary>True when an error was already reported for exactly <paramref name="path"/>.</summary>
    public bool HasErrorAt(string path) => _errorPaths.Contains(path);

    public void Error(string code, string path, string message) => Add(Severity.Error, code, Locate(path), path, message);

    public void Error(string code, SourcePosition at, string path, string message) => Add(Severity.Error, code, at, path, message);

    public void Warning(string code, string path, string message) => Add(Severity.Warning, code, Locate(path), path, message);

    public void Info(string code, string path, string message) => Add(Severity.Info, code, Locate(path), path, message);

    /// <summary>
    /// Adds a finding of <paramref name="code"/> with the catalogue's severity (<see cref="FindingCodes.SeverityOf"/>);
    /// <paramref name="expected"/> is what the rule at the call site means, and a code raised with another severity
    /// than the catalogue gives it is a bug, not a finding.
    /// </summary>
    private void Add(Severity expected, string code, SourcePosition at, string path, string message)
    {
        var severity = FindingCodes.SeverityOf(code);
        if (severity != expected)
        {
            throw new InvalidOperationException($"{code} is raised as a {expected} but the findings catalogue makes it a {severity}");
        }

        if (severity == Severity.Error)
        {
            HasErrors = true;
            _errorPaths.Add(path);
        }

        _items.Add(new Finding(code, severity, path, message) { File = File, Line = at.Line, Column = at.Column });
    }

    /// <summary>Everything found, in file order (then in the order found).</summary>
    public IReadOnlyList<Finding> Sorted() =>
        [.. _items.OrderBy(d => d.Line == 0 ? int.MaxValue : d.Line).ThenBy(d => d.Column)];
}
