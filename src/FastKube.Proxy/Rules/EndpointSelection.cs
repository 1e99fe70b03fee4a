using FastKube.Proxy.Tracking;

namespace FastKube.Proxy.Rules;

/// <summary>
/// Which endpoints traffic may use, as upstream's CategorizeEndpoints: ready endpoints, or when none is
/// ready the serving-and-terminating ones (so connections drain to pods shutting down rather than fail);
/// internal/external traffic policy Local restricts the choice to this node's endpoints.
/// </summary>
internal static class EndpointSelection
{
    public static (IReadOnlyList<EndpointInfo> Cluster, IReadOnlyList<EndpointInfo> External, bool AnyUsable) Select(
        ServicePortInfo service, IReadOnlyList<EndpointInfo> endpoints, string nodeName)
    {
        var all = Usable(endpoints);
        bool needLocal = service.InternalPolicyLocal || service.ExternalPolicyLocal;
        var local = needLocal ? Usable(endpoints.Where(e => e.IsLocal(nodeName)).ToList()) : all;
        return (service.InternalPolicyLocal ? local : all, service.ExternalPolicyLocal ? local : all, all.Count > 0);
    }

    /// <summary>This node's usable endpoints (what the health-check node port reports).</summary>
    public static int LocalCount(IReadOnlyList<EndpointInfo> endpoints, string nodeName) =>
        Usable(endpoints.Where(e => e.IsLocal(nodeName)).ToList()).Count;

    private static IReadOnlyList<EndpointInfo> Usable(IReadOnlyList<EndpointInfo> endpoints)
    {
        var ready = endpoints.Where(e => e.Ready).ToList();
        return ready.Count > 0 ? ready : endpoints.Where(e => e.Serving && e.Terminating).ToList();
    }
}
