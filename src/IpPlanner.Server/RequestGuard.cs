using Microsoft.AspNetCore.Http;

namespace IpPlanner.Server;

/// <summary>
/// Refuses what a page on another site could make a browser send: a request whose Host is not the name the server
/// was bound to (DNS rebinding: evil.example resolving to 127.0.0.1), and a write (POST and the like) from another
/// origin. Scripts that send no Origin (curl, CI jobs) are let through.
/// </summary>
internal sealed class RequestGuard
{
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public RequestGuard(ServerOptions options)
    {
        _hosts.Add(options.Host.Trim('[', ']'));
        if (options.IsLoopback)
        {
            // Other names of this machine's loopback: no other site can own them.
            _hosts.UnionWith(["localhost", "127.0.0.1", "::1"]);
        }
    }

    public Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        var host = http.Request.Host.Host.Trim('[', ']');
        if (!http.Request.Host.HasValue || !_hosts.Contains(host))
        {
            return Refuse(http, StatusCodes.Status421MisdirectedRequest,
                $"Host '{http.Request.Host.Value}' is not this server's name ({string.Join(", ", _hosts.Order(StringComparer.Ordinal))})");
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
        }

        return next();
    }

    private static Task Refuse(HttpContext http, int status, string message) =>
        PlannerServer.Error(status, message).ExecuteAsync(http);
}
