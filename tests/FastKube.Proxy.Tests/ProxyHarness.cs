using System.Net;
using FastKube.Client.Testing;
using FastKube.Dataplane.Kernel.Testing;
using FastKube.Proxy.Rules;
using FastKube.Proxy.Sync;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.Proxy.Tests;

/// <summary>The nftables proxier over the in-memory nf_tables model, with a manual clock and a tracer.</summary>
internal sealed class ProxyHarness
{
    public static readonly IPNetwork ClusterCidr = IPNetwork.Parse("10.244.0.0/16");

    public ProxyHarness(Func<RuleContext, RuleContext>? context = null)
    {
        var ruleContext = new RuleContext(ProxyObjects.Node, 0x4000) { ClusterCidrs = [ClusterCidr] };
        Proxier = new NftablesProxier(context?.Invoke(ruleContext) ?? ruleContext, Nf, Conntrack, TimeSpan.FromSeconds(30), NullLogger.Instance, Time);
        Tracer = new NfPacketTracer(Nf);
    }

    public FakeNfTables Nf { get; } = new();

    public FakeConntrack Conntrack { get; } = new();

    public ManualTimeProvider Time { get; } = new();

    public NftablesProxier Proxier { get; }

    public NfPacketTracer Tracer { get; }

    public SyncOutcome Sync()
    {
        var outcome = Proxier.Sync();
        Assert.True(outcome.Succeeded, outcome.Error);
        return outcome;
    }
}
