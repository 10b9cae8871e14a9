using System.Net;

namespace IpPlanner.Server;

/// <summary>Where <c>ipplanner serve</c> listens and which scenario file it shows.</summary>
public sealed record ServerOptions(string ScenarioPath, string Host = ServerOptions.DefaultHost, int Port = ServerOptions.DefaultPort)
{
    /// <summary>Loopback only, unless the user names another host.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The default port.</summary>
    public const int DefaultPort = 8080;

    /// <summary>True when <see cref="Host"/> is a loopback name or address (no other machine can connect).</summary>
    public bool IsLoopback => IsLoopbackName(Host);

    internal static bool IsLoopbackName(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
