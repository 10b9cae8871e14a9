using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace IpPlanner.Server;

/// <summary>
/// Refuses what a page on another site could make a browser send, and what another machine may not do: a request
/// whose Host is not one of this server's names (DNS rebinding: evil.example resolving to 127.0.0.1), a request from
/// another machine without the server's token, a write (POST and the like) from another origin, and any write on a
/// read-only server. Scripts that send no Origin (curl, CI jobs) are let through. Every answer says
/// <c>nosniff</c> and <c>Cross-Origin-Resource-Policy: same-origin</c>, so no other site can embed one.
/// </summary>
internal sealed class RequestGuard
{
    /// <summary>The cookie that carries the token after the printed address opened the page.</summary>
    public const string TokenCookie = "ipplanner-token";

    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly byte[]? _token;
    private readonly bool _readOnly;

    public RequestGuard(ServerOptions options)
    {
        _hosts.Add(options.Host.Trim('[', ']'));
        if (options.IsLoopback || options.IsWildcard)
        {
            // Other names of this machine's loopback: no other site can own them.
            _hosts.UnionWith(["localhost", "127.0.0.1", "::1"]);
        }

        if (options.IsWildcard)
        {
            _hosts.UnionWith(MachineNames());
        }

        _hosts.UnionWith(options.AllowHosts.Select(h => h.Trim().Trim('[', ']')).Where(h => h.Length > 0));
        _token = options.Token is null ? null : Encoding.UTF8.GetBytes(options.Token);
        _readOnly = options.ReadOnly;
    }

    /// <summary>The names this server answers to (for messages and tests).</summary>
    public IReadOnlyCollection<string> Hosts => _hosts;

    /// <summary>
    /// The machine's host name and every address of its network interfaces: on a wildcard bind these are the names
    /// people type (the name resolved by DNS is theirs to add with --allow-host: looking it up could hang the start).
    /// </summary>
    internal static IEnumerable<string> MachineNames()
    {
        var names = new List<string>();
        try
        {
            names.Add(Dns.GetHostName());
        }
        catch (System.Net.Sockets.SocketException)
        {
            // No host name: the addresses still work.
        }

        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    var address = unicast.Address;
                    // A link-local IPv6 address needs its zone (%eth0) in a URL; browsers do not send it as Host.
                    if (!address.IsIPv6LinkLocal)
                    {
                        names.Add(address.ToString());
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // The interfaces cannot be listed: the host name and --allow-host still work.
        }

        return names;
    }

    public Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
        var host = http.Request.Host.Host.Trim('[', ']');
        if (!http.Request.Host.HasValue || !_hosts.Contains(host))
        {
            return Refuse(http, StatusCodes.Status421MisdirectedRequest,
                $"Host '{http.Request.Host.Value}' is not this server's name ({string.Join(", ", _hosts.Order(StringComparer.Ordinal))})");
        }

        var fromQuery = false;
        if (IsRemote(http) && !HasToken(http, out fromQuery))
        {
            return Refuse(http, StatusCodes.Status401Unauthorized,
                "this server answers other machines only with its token: open the address with ?token= that ipplanner serve printed");
        }

        if (fromQuery)
        {
            // The printed address opened the page: the browser keeps the token as a cookie only this server gets, and
            // the address bar (a meeting-room screen, a screenshot) loses it.
            http.Response.Cookies.Append(TokenCookie, Encoding.UTF8.GetString(_token!), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            if (HttpMethods.IsGet(http.Request.Method) && http.Request.Path == "/")
            {
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Redirect("/");
                return Task.CompletedTask;
            }
        }

        var method = http.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method))
        {
            var origin = http.Request.Headers.Origin.FirstOrDefault();
            var site = http.Request.Headers["Sec-Fetch-Site"].FirstOrDefault();
            var sameOrigin = origin is null
                || string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host.Value}", StringComparison.OrdinalIgnoreCase);
            if (!sameOrigin || string.Equals(site, "cross-site", StringComparison.OrdinalIgnoreCase))
            {
                return Refuse(http, StatusCodes.Status403Forbidden, $"a {method} from origin '{origin ?? site}' is refused: only this server's own page may write");
            }

            if (_readOnly)
            {
                return Refuse(http, StatusCodes.Status403Forbidden, "this server is read-only (serve --read-only): it shows the file's plan and plans nothing sent to it");
            }
        }

        return next();
    }

    /// <summary>
    /// A client on another machine. A connection without a network peer (ASP.NET's in-process TestServer, a Unix
    /// socket) has no remote address and is this machine's own.
    /// </summary>
    private static bool IsRemote(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return !IPAddress.IsLoopback(address);
    }

    private bool HasToken(HttpContext http, out bool fromQuery)
    {
        fromQuery = false;
        if (_token is null)
        {
            return false;
        }

        if (Matches(http.Request.Query["token"].FirstOrDefault()))
        {
            fromQuery = true;
            return true;
        }

        var authorization = http.Request.Headers.Authorization.FirstOrDefault();
        return Matches(http.Request.Cookies[TokenCookie])
            || (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal) && Matches(authorization["Bearer ".Length..]));
    }

    private bool Matches(string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token);

    private static Task Refuse(HttpContext http, int status, string message) =>
        PlannerServer.Error(status, message).ExecuteAsync(http);
}
