using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

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
