namespace FastKube.Balancer.Tests.Support;

/// <summary>
/// A fact that needs root, iproute2 and nftables to create a network namespace with a redirect rule. xunit 2
/// has no dynamic skip, so the attribute probes once (creating and deleting a namespace) and sets
/// <see cref="FactAttribute.Skip"/> with the reason when the machine cannot.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NetnsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> MissingReason = new(Probe);

    public NetnsFactAttribute()
    {
        if (MissingReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        if (Environment.UserName != "root")
        {
            return "needs root to create network namespaces";
        }

        foreach (var tool in new[] { Netns.Ip, Netns.Nft })
        {
            if (!File.Exists(tool))
            {
                return $"{tool} not found (install iproute2 and nftables)";
            }
        }

        try
        {
            using var probe = Netns.Create();
            probe.Exec(Netns.Nft, ["list", "ruleset"]);
            return null;
        }
        catch (InvalidOperationException exception)
        {
            return $"cannot create a network namespace with nftables: {exception.Message}";
        }
    }
}
