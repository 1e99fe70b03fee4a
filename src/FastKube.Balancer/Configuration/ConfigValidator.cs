using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using FastKube.Balancer.Tcp;

namespace FastKube.Balancer.Configuration;

/// <summary>Checks a configuration before anything is bound; the first problem is reported with its field and value.</summary>
internal static class ConfigValidator
{
    public static void Validate(BalancerConfig config)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < config.Frontends.Count; i++)
        {
            var frontend = config.Frontends[i];
            var field = $"frontends[{i}]";
            if (string.IsNullOrEmpty(frontend.Name) || !names.Add(frontend.Name))
            {
                Fail($"{field}.name", frontend.Name, "a non-empty name unique among frontends");
            }

            if ((frontend.Listen is null) == (frontend.VirtualAddress is null))
            {
                Fail($"{field}.listen", frontend.Listen?.ToString() ?? "null", "exactly one of listen and virtualAddress");
            }

            if (frontend.VirtualAddress is not null && (frontend.Protocol != L4Protocol.Tcp || config.TransparentListen is null))
            {
                Fail($"{field}.virtualAddress", frontend.VirtualAddress.ToString(), "TCP frontends only, with transparentListen set");
            }

            if (frontend.ConnectAttempts is < 1 or > TriedBackends.Capacity)
            {
                Fail($"{field}.connectAttempts", frontend.ConnectAttempts.ToString(CultureInfo.InvariantCulture), $"1..{TriedBackends.Capacity}");
            }

            if (frontend.MaxConnections < 0)
            {
                Fail($"{field}.maxConnections", frontend.MaxConnections.ToString(CultureInfo.InvariantCulture), "0 (unlimited) or more");
            }

            if (frontend.Health.FailureThreshold < 1)
            {
                Fail($"{field}.health.failureThreshold", frontend.Health.FailureThreshold.ToString(CultureInfo.InvariantCulture), "1 or more");
            }

            var timeouts = frontend.EffectiveTimeouts;
            if (timeouts.Connect <= TimeSpan.Zero || timeouts.Idle <= TimeSpan.Zero || timeouts.Drain < TimeSpan.Zero)
            {
                Fail($"{field}.timeouts", timeouts.ToString(), "positive connect and idle, non-negative drain");
            }

            var endpoints = new HashSet<IPEndPoint>();
            for (var b = 0; b < frontend.Backends.Count; b++)
            {
                var backend = frontend.Backends[b];
                if (backend.Weight is < 1 or > BackendConfig.MaxWeight)
                {
                    Fail($"{field}.backends[{b}].weight", backend.Weight.ToString(CultureInfo.InvariantCulture), $"1..{BackendConfig.MaxWeight}");
                }

                if (!endpoints.Add(backend.Endpoint))
                {
                    Fail($"{field}.backends[{b}].endpoint", backend.Endpoint.ToString(), "endpoints unique within a frontend");
                }
            }
        }
    }

    [DoesNotReturn]
    private static void Fail(string field, string value, string allowed) =>
        throw new ArgumentException($"balancer config: {field}: invalid value \"{value}\": must be {allowed}");
}
