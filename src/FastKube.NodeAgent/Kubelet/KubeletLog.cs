using Microsoft.Extensions.Logging;

namespace FastKube.NodeAgent.Kubelet;

/// <summary>The kubelet loop's log messages; event ids 6000–6099.</summary>
internal static partial class KubeletLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Sync of pod {Uid} failed; retrying")]
    public static partial void SyncFailed(ILogger logger, Exception exception, string uid);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Killing pod {Namespace}/{Name} with a grace period of {GracePeriod} s")]
    public static partial void KillingPod(ILogger logger, string? @namespace, string? name, long gracePeriod);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Pulling image {Image} failed ({Error}); using the copy already present")]
    public static partial void PullFellBack(ILogger logger, string image, string error);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Node {Node} registered")]
    public static partial void NodeRegistered(ILogger logger, string node);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "Updating the status of node {Node} failed")]
    public static partial void NodeStatusFailed(ILogger logger, Exception exception, string node);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "Renewing the lease of node {Node} failed")]
    public static partial void LeaseFailed(ILogger logger, Exception exception, string node);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Warning, Message = "PLEG relist failed")]
    public static partial void RelistFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "Removing sandboxes of pod {Namespace}/{Name} ({Uid}), which the API server no longer has")]
    public static partial void RemovingOrphan(ILogger logger, string @namespace, string name, string uid);
}
