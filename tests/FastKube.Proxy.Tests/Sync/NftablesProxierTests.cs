using System.Net;
using FastKube.Dataplane.Kernel.Conntrack;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Proxy.Rules;
using FastKube.Proxy.Sync;
using static FastKube.Proxy.Tests.ProxyObjects;

namespace FastKube.Proxy.Tests.Sync;

public sealed class NftablesProxierTests
{
    private readonly ProxyHarness _h = new();

    [Fact]
    public void Sync_OneEndpointChanged_TransactionTouchesOnlyThatService()
    {
        Rules.Scenario.Load(_h.Proxier);
        _h.Sync();

        _h.Proxier.Endpoints.Update(Slice("web", "web-1", 8080, "TCP", Ready("10.244.1.5"), Ready("10.244.2.7")));
        var outcome = _h.Sync();

        Assert.False(outcome.Full);
        Assert.Equal(1, outcome.ServicePorts);
        string tx = _h.Nf.LastTransaction!.ToString();
        var lines = tx.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Contains("default/web/", line, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("delete chain ip fastkube endpoint-", StringComparison.Ordinal) && l.Contains("10.244.3.9", StringComparison.Ordinal));
        Assert.DoesNotContain("10.244.3.9", _h.Nf.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sync_NothingChanged_AppliesNothing()
    {
        Rules.Scenario.Load(_h.Proxier);
        _h.Sync();
        int applied = _h.Nf.AppliedCount;
        _h.Proxier.Services.Update(Service("web", "10.96.0.10"));

        var outcome = _h.Sync();

        Assert.Equal(0, outcome.Operations);
        Assert.Equal(applied, _h.Nf.AppliedCount);
    }

    [Fact]
    public void Sync_ServiceDeleted_ItsChainsAndElementsGo()
    {
        Rules.Scenario.Load(_h.Proxier);
        _h.Sync();

        _h.Proxier.Services.Delete(Service("sticky", "10.96.0.12"));
        _h.Sync();

        string dump = _h.Nf.Dump();
        Assert.DoesNotContain("sticky", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("10.96.0.12", dump, StringComparison.Ordinal);
        Assert.Contains("default/web/", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void Sync_ServiceLosesAllEndpoints_MovesToRejectMap()
    {
        Rules.Scenario.Load(_h.Proxier);
        _h.Sync();

        _h.Proxier.Endpoints.Delete(Slice("web", "web-1", 8080));
        _h.Sync();

        var snapshot = _h.Nf.Dump(ProxyTable.Table)!;
        var key = ServiceShape.ServiceKey(IPAddress.Parse("10.96.0.10"), NfValue.Tcp, 80);
        Assert.DoesNotContain(snapshot.Set(ProxyTable.ServiceIps)!.Elements, e => e.Key.Equals(key));
        Assert.Contains(snapshot.Set(ProxyTable.NoEndpointServices)!.Elements, e => e.Key.Equals(key) && e.Verdict == NfVerdict.Goto(ProxyTable.RejectChain));
    }

    [Fact]
    public void Sync_AfterFailedApply_NextSyncRecreatesTheTable()
    {
        Rules.Scenario.Load(_h.Proxier);
        _h.Sync();
        _h.Nf.FailNext = new NfError(16, 0, "injected");
        _h.Proxier.Endpoints.Update(Slice("web", "web-1", 8080, "TCP", Ready("10.244.1.5")));

        var failed = _h.Proxier.Sync();
        var next = _h.Sync();

        Assert.False(failed.Succeeded);
        Assert.True(next.Full);
        Assert.StartsWith("add table ip fastkube\ndelete table ip fastkube\nadd table ip fastkube\n", _h.Nf.LastTransaction!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("10.244.2.7", _h.Nf.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sync_SyncPeriodElapsed_FullResyncKeepsTableAndAffinitySets()
    {
        Rules.Scenario.Load(_h.Proxier);
        _h.Sync();
        _h.Proxier.Services.Delete(Service("web", "10.96.0.10"));
        _h.Time.Advance(TimeSpan.FromSeconds(30));

        var outcome = _h.Sync();

        Assert.True(outcome.Full);
        string tx = _h.Nf.LastTransaction!.ToString();
        Assert.StartsWith("add table ip fastkube\nflush table ip fastkube\n", tx, StringComparison.Ordinal);
        Assert.DoesNotContain("delete table", tx, StringComparison.Ordinal);
        Assert.DoesNotContain("delete set", tx, StringComparison.Ordinal);
        Assert.Contains("delete chain ip fastkube service-25767f54-default/web/tcp/p80", tx, StringComparison.Ordinal);
        Assert.DoesNotContain("default/web/", _h.Nf.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sync_FullAndPartialPaths_ConvergeToTheSameRuleset()
    {
        Rules.Scenario.Load(_h.Proxier);
        _h.Sync();
        _h.Proxier.Endpoints.Update(Slice("web", "web-1", 8080, "TCP", Ready("10.244.1.5"), Ready("10.244.4.4")));
        _h.Proxier.Services.Update(Service("sticky", "10.96.0.12", spec => spec.SessionAffinity = "None"));
        _h.Sync();
        string partial = _h.Nf.Dump();

        var fresh = new ProxyHarness();
        Rules.Scenario.Load(fresh.Proxier);
        fresh.Proxier.Endpoints.Update(Slice("web", "web-1", 8080, "TCP", Ready("10.244.1.5"), Ready("10.244.4.4")));
        fresh.Proxier.Services.Update(Service("sticky", "10.96.0.12", spec => spec.SessionAffinity = "None"));
        fresh.Sync();

        Assert.Equal(Sorted(fresh.Nf.Dump()), Sorted(partial));
    }

    [Fact]
    public void Sync_UdpEndpointRemoved_DeletesFlowsToIt()
    {
        Rules.Scenario.Load(_h.Proxier);
        _h.Sync();
        _h.Conntrack.Add(Flow("10.96.0.15", 53, "10.244.1.10"));
        _h.Conntrack.Add(Flow("10.96.0.10", 80, "10.244.1.5", NfValue.Tcp));

        _h.Proxier.Endpoints.Update(Slice("dns", "dns-1", 5353, "UDP", Ready("10.244.1.20")));
        _h.Sync();

        var left = _h.Conntrack.List(System.Net.Sockets.AddressFamily.InterNetwork);
        Assert.DoesNotContain(left, e => e.ReplySource.Equals(IPAddress.Parse("10.244.1.10")));
        Assert.Contains(left, e => e.Protocol == NfValue.Tcp);
    }

    [Fact]
    public void Sync_UdpServiceGetsFirstEndpoint_DeletesFlowsToTheServiceIp()
    {
        _h.Proxier.Services.Update(Service("dns", "10.96.0.15", null, Port(53, "UDP")));
        _h.Sync();
        _h.Conntrack.Add(Flow("10.96.0.15", 53, "10.96.0.15"));

        _h.Proxier.Endpoints.Update(Slice("dns", "dns-1", 5353, "UDP", Ready("10.244.1.10")));
        _h.Sync();

        Assert.Empty(_h.Conntrack.List(System.Net.Sockets.AddressFamily.InterNetwork));
        Assert.Contains(new ConntrackFilter(IPAddress.Parse("10.96.0.15"), NfValue.Udp, 53), _h.Conntrack.Deletes);
    }

    [Fact]
    public void Cleanup_AfterSync_RemovesTheTableAndIsIdempotent()
    {
        Rules.Scenario.Load(_h.Proxier);
        _h.Sync();

        Assert.Null(NftablesProxier.Cleanup(_h.Nf));
        Assert.Null(NftablesProxier.Cleanup(_h.Nf));
        Assert.Empty(_h.Nf.ListTables());
    }

    [Fact]
    public void Sync_Counts_ReportRulesAndElements()
    {
        Rules.Scenario.Load(_h.Proxier);
        _h.Sync();

        Assert.Equal(9, _h.Proxier.ElementCounts[ProxyTable.ServiceIps]);
        Assert.Equal(2, _h.Proxier.ElementCounts[ProxyTable.NoEndpointServices]);
        Assert.Equal(_h.Nf.Dump(ProxyTable.Table)!.Chains.Sum(c => c.RuleCount), _h.Proxier.RuleCount);
    }

    private static string Sorted(string dump) => string.Join('\n', dump.Split('\n').Order(StringComparer.Ordinal));

    private static ConntrackEntry Flow(string destination, ushort port, string replySource, byte protocol = NfValue.Udp) =>
        new(protocol, IPAddress.Parse("10.244.9.9"), IPAddress.Parse(destination), 40000, port, IPAddress.Parse(replySource), IPAddress.Parse("10.244.9.9"), 5353, 40000, 1);
}
