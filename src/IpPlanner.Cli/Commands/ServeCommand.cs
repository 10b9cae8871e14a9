using System.CommandLine;
using IpPlanner.Cli.Output;
using IpPlanner.Server;
using Microsoft.Extensions.Hosting;
using IpPlanner.Core.Input;

namespace IpPlanner.Cli.Commands;

/// <summary><c>ipplanner serve FILE</c>: the live what-if page of a scenario file and the JSON API, until Ctrl+C.</summary>
internal static class ServeCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The scenario file the page shows (YAML or JSON)" }.AsInput();
        var port = CommonOptions.WholeNumber("--port", "TCP port (0: any free port)", 0, 65_535, defaultValue: ServerOptions.DefaultPort);
        var host = new Option<string>("--host")
        {
            Description = "Where to listen: localhost, an address of this machine, or a wildcard (0.0.0.0, ::); anything but loopback lets other machines in",
            DefaultValueFactory = _ => ServerOptions.DefaultHost,
        };
        var allowHost = new Option<string[]>("--allow-host")
        {
            Description = "Another name requests may carry as Host (a DNS alias of this machine); repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var readOnly = new Option<bool>("--read-only") { Description = "Viewers watch the file's plan: no controls, every POST refused" };
        var types = CommonOptions.InstanceTypes();
        var prices = CommonOptions.Prices();
        var command = new Command("serve", "Serve the plan page of a scenario and a JSON API (POST /api/plan, /api/recommend) on loopback.")
        {
            file, port, host, allowHost, readOnly, types, prices,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var portValue = parse.GetValue(port);
            var hostValue = parse.GetValue(host)!.Trim();
            if (ServerOptions.HostProblem(hostValue) is { } problem)
            {
                throw new InputException($"--host: '{hostValue}' {problem}");
            }
            var allowed = (parse.GetValue(allowHost) ?? []).Select(h => CheckHost("--allow-host", h)).ToArray();

            var catalog = CommonOptions.LoadCatalog(parse.GetValue(types), parse.GetValue(prices));
            var input = parse.GetValue(file)!;
            ScenarioInput.Load(input, catalog); // a broken file is an error now, not a broken page later
            var options = new ServerOptions(input.FullName, hostValue, portValue)
            {
                AllowHosts = allowed,
                ReadOnly = parse.GetValue(readOnly),
                // Other machines get in only with this token (a new one every start); this machine needs none.
                Token = PlannerServer.NewToken(),
            };
            using var app = PlannerServer.Build(options, new CliPlanViews(catalog));
            var address = PlannerServer.StartAsync(app, options).GetAwaiter().GetResult();
            context.Out.WriteLine($"Listening on {address}");
            if (!options.IsLoopback)
            {
                var open = PlannerServer.AddressesToOpen(options, address);
                foreach (var url in open)
                {
                    context.Out.WriteLine(url.Contains("?token=", StringComparison.Ordinal) ? $"Other machines: {url}" : $"This machine: {url}");
                }
            }

            context.Out.Flush();
            if (!options.IsLoopback)
            {
                context.Error.WriteLine($"ipplanner: warning: listening on {hostValue}, not loopback: other machines can reach this server; it lets them in with the token in the addresses above");
            }

            // Ctrl+C (or SIGTERM) stops the host; requests in flight finish first.
            app.WaitForShutdownAsync().GetAwaiter().GetResult();
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string CheckHost(string option, string value)
    {
        var host = value.Trim();
        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '#' or '@'))
        {
            throw new InputException($"{option}: '{host}' is not a host name or address");
        }

        return host;
    }
}
