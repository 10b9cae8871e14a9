using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

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

    /// <summary>
    /// Why <paramref name="host"/> cannot be listened on, or null. Accepted: <c>localhost</c>, a loopback address, an
    /// address of one of this machine's interfaces, or a wildcard (<c>0.0.0.0</c>, <c>::</c>, <c>*</c>, <c>+</c>).
    /// Anything else is refused before the server starts: Kestrel binds a host name other than localhost to every
    /// interface (so a typo such as <c>localhots</c> would open the server to the network without a word), and an
    /// address the machine does not have cannot be bound at all.
    /// </summary>
    public static string? HostProblem(string host, Func<IEnumerable<IPAddress>>? machineAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '?' or '#' or '@'))
        {
            return "is not a host name or address";
        }

        if (IsLoopbackName(host) || host is "*" or "+")
        {
            return null;
        }

        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address) || host.Count(c => c == '.') is not (0 or 3))
        {
            return "is not localhost, an address of this machine or a wildcard (0.0.0.0, ::); Kestrel would listen on every interface for any other name";
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return null;
        }

        var local = (machineAddresses ?? MachineAddresses)();
        return local.Any(a => a.Equals(address) || (a.AddressFamily == AddressFamily.InterNetworkV6 && a.ScopeId != 0 && WithoutScope(a).Equals(address)))
            ? null
            : "is not an address of this machine (give localhost, one of its addresses or a wildcard such as 0.0.0.0)";
    }

    private static IPAddress WithoutScope(IPAddress address) => new(address.GetAddressBytes());

    private static IEnumerable<IPAddress> MachineAddresses()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address)];
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
