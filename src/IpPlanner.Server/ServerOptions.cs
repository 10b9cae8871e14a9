using System.Net;

namespace IpPlanner.Server;

/// <summary>Where <c>ipplanner serve</c> listens, which scenario file it shows and how it guards itself.</summary>
public sealed record ServerOptions(string ScenarioPath, string Host = ServerOptions.DefaultHost, int Port = ServerOptions.DefaultPort)
{
    /// <summary>Loopback only, unless the user names another host.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The default port.</summary>
    public const int DefaultPort = 8080;

    /// <summary>
    /// Host names (besides the bound one, and on a wildcard bind the machine's own names and addresses) that requests
    /// may carry: a DNS alias or a proxy's name people type to reach this machine.
    /// </summary>
    public IReadOnlyList<string> AllowHosts { get; init; } = [];

    /// <summary>
    /// The secret a client not on loopback must show (<c>?token=</c> once, then the cookie the server sets, or
    /// <c>Authorization: Bearer</c>); null lets nobody in from another machine.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>Viewers watch the file's plan: the page has no controls and every POST is refused (403).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>How long one request may plan before it is answered 504 (the default 20 s is far beyond any page edit).</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How many requests plan at the same time (the rest wait in a queue, then 503).</summary>
    public int ConcurrencyLimit { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>How many requests may wait for a free slot; one more is answered 503 at once.</summary>
    public int QueueLimit { get; init; } = 64;

    /// <summary>True when <see cref="Host"/> is a loopback name or address (no other machine can connect).</summary>
    public bool IsLoopback => IsLoopbackName(Host);

    /// <summary>True when <see cref="Host"/> is a wildcard (0.0.0.0, ::, * or +): every address of the machine listens.</summary>
    public bool IsWildcard => Host.Trim('[', ']') is "0.0.0.0" or "::" or "*" or "+";

    internal static bool IsLoopbackName(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
