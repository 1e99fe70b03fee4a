using System.Net;
using FastKube.Balancer.Configuration;
using FastKube.Balancer.Health;

namespace FastKube.Balancer.Tests.Support;

/// <summary>Builds snapshot frontends directly (no sockets) for policy tests.</summary>
internal static class Frontends
{
    public static IPEndPoint Backend(int i) => new(IPAddress.Parse($"10.0.0.{i + 1}"), 8080);

    public static Frontend Create(int backends, Func<FrontendConfig, FrontendConfig>? configure = null, ManualClock? clock = null, int[]? weights = null, Random? random = null)
    {
        var config = new FrontendConfig("web", L4Protocol.Tcp, Enumerable.Range(0, backends).Select(i => new BackendConfig(Backend(i), weights?[i] ?? 1)).ToList())
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
        };
        config = configure?.Invoke(config) ?? config;
        var states = config.Backends.Select(b => new BackendState(config.Name, b.Endpoint)).ToArray();
        return new Frontend(config, new FrontendState(config.Name), states, new Clock(clock ?? new ManualClock()), random ?? new Random(7));
    }

    public static IPAddress Client(int i) => new([192, 168, (byte)(i >> 8), (byte)i]);

    /// <summary>Picks for <paramref name="picks"/> clients (client i = 192.168.x.y) and counts per backend.</summary>
    public static int[] Distribution(Frontend frontend, int picks, bool sameClient = false)
    {
        var counts = new int[frontend.Backends.Length];
        for (var i = 0; i < picks; i++)
        {
            counts[frontend.Select(Client(sameClient ? 1 : i), [])]++;
        }

        return counts;
    }
}
