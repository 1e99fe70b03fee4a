using System.CommandLine;
using System.Net;
using FastKube.Balancer;
using FastKube.Balancer.Configuration;

namespace FastKube.Bench.L4;

/// <summary>
/// <c>fastkube balancer-bench-server --frontend NAME=LISTEN=BACKEND[,BACKEND…] …</c> (hidden): the balancer
/// alone in a process, so the <c>l4</c> scenario can pin it to one CPU under taskset exactly like HAProxy.
/// Prints <c>ready NAME=ADDRESS</c> per frontend once listening, then serves until killed.
/// </summary>
internal static class BalancerBenchServerCommand
{
    public const string Name = "balancer-bench-server";

    public static Command Create()
    {
        var frontends = new Option<string[]>("--frontend") { Description = "NAME=LISTEN=BACKEND[,BACKEND...]; LISTEN may use port 0.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var policy = new Option<BalancePolicy>("--policy") { Description = "Balance policy of every frontend.", DefaultValueFactory = _ => BalancePolicy.RoundRobin };
        var relay = new Option<TcpRelay>("--relay") { Description = "TCP relay: Pipelines or Copy.", DefaultValueFactory = _ => TcpRelay.Pipelines };
        var command = new Command(Name, "Run the L4 balancer alone for the l4 bench (internal).") { frontends, policy, relay };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configs = parse.GetValue(frontends)!.Select(spec => Parse(spec, parse.GetValue(policy))).ToList();
            await using var balancer = new L4Balancer(new BalancerOptions { Relay = parse.GetValue(relay) });
            balancer.Apply(new BalancerConfig(configs));
            foreach (var frontend in configs)
            {
                Console.WriteLine($"ready {frontend.Name}={balancer.ListenerEndPoint(frontend.Name)}");
            }

            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM.
            }

            return 0;
        });
        return command;
    }

    private static FrontendConfig Parse(string spec, BalancePolicy policy)
    {
        var parts = spec.Split('=');
        if (parts.Length != 3)
        {
            throw new ArgumentException($"--frontend {spec}: expected NAME=LISTEN=BACKEND[,BACKEND...]");
        }

        return new FrontendConfig(parts[0], L4Protocol.Tcp, parts[2].Split(',').Select(b => new BackendConfig(IPEndPoint.Parse(b))).ToList())
        {
            Listen = IPEndPoint.Parse(parts[1]),
            Policy = policy,
        };
    }

    /// <summary>Parses a <c>ready NAME=ADDRESS</c> line.</summary>
    public static (string Name, IPEndPoint Address)? ParseReady(string line)
    {
        if (!line.StartsWith("ready ", StringComparison.Ordinal))
        {
            return null;
        }

        var pair = line["ready ".Length..].Split('=', 2);
        return (pair[0], IPEndPoint.Parse(pair[1].Trim()));
    }
}
