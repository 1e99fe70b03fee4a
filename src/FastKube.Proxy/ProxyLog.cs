using Microsoft.Extensions.Logging;

namespace FastKube.Proxy;

/// <summary>The proxy's log messages; event ids 7000–7099 belong to FastKube.Proxy.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(7001, LogLevel.Information, "Service proxy running in {Mode} mode with the nf_tables engine (table {Table}) for node {Node}")]
    public static partial void Started(ILogger logger, string mode, string table, string node);

    [LoggerMessage(7002, LogLevel.Information, "mode: iptables runs the nf_tables engine (iptables-nft programs the same kernel backend)")]
    public static partial void IptablesIsNftables(ILogger logger);

    [LoggerMessage(7003, LogLevel.Debug, "{Kind} sync of {Services} service ports ({Operations} operations) took {Milliseconds} ms")]
    public static partial void Synced(ILogger logger, string kind, int services, int operations, double milliseconds);

    [LoggerMessage(7004, LogLevel.Error, "{Kind} sync failed; the next sync is full: {Error}")]
    public static partial void SyncFailed(ILogger logger, string kind, string error);

    [LoggerMessage(7005, LogLevel.Warning, "Deleting stale UDP conntrack entries ({Filter}) failed")]
    public static partial void ConntrackFailed(ILogger logger, string filter, Exception exception);

    [LoggerMessage(7006, LogLevel.Information, "Removed table {Table}")]
    public static partial void CleanedUp(ILogger logger, string table);

    [LoggerMessage(7007, LogLevel.Warning, "Health check node port {Port} for {Service} could not listen")]
    public static partial void HealthCheckListenFailed(ILogger logger, int port, string service, Exception exception);

    [LoggerMessage(7008, LogLevel.Error, "Sync threw; the next sync is full")]
    public static partial void SyncThrew(ILogger logger, Exception exception);
}
