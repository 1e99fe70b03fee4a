using Microsoft.Extensions.Logging;

namespace FastKube.Client;

/// <summary>The client's log messages; event ids 1000–1099 belong to FastKube.Client.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(1001, LogLevel.Error, "Event handler for {Kind} failed on {Event}")]
    public static partial void HandlerFailed(ILogger logger, string kind, string @event, Exception exception);

    [LoggerMessage(1002, LogLevel.Warning, "List of {Resource} failed; retrying in {Delay}")]
    public static partial void ListFailed(ILogger logger, string resource, TimeSpan delay, Exception exception);

    [LoggerMessage(1003, LogLevel.Information, "Watch of {Resource} failed; resuming from resourceVersion {ResourceVersion} in {Delay}")]
    public static partial void WatchFailed(ILogger logger, string resource, string resourceVersion, TimeSpan delay, Exception exception);

    [LoggerMessage(1004, LogLevel.Information, "Watch of {Resource} from resourceVersion {ResourceVersion} expired ({Message}); listing again")]
    public static partial void Relisting(ILogger logger, string resource, string resourceVersion, string? message);

    [LoggerMessage(1005, LogLevel.Debug, "Listed {Count} {Resource} at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, int count, string resource, string resourceVersion);

    [LoggerMessage(1010, LogLevel.Information, "{Identity} became leader of lease {Lease}")]
    public static partial void StartedLeading(ILogger logger, string identity, string lease);

    [LoggerMessage(1011, LogLevel.Warning, "{Identity} lost lease {Lease}")]
    public static partial void StoppedLeading(ILogger logger, string identity, string lease);

    [LoggerMessage(1012, LogLevel.Debug, "Lease {Lease}: acquire or renew by {Identity} failed")]
    public static partial void LeaseAttemptFailed(ILogger logger, string lease, string identity, Exception? exception);

    [LoggerMessage(1013, LogLevel.Information, "Lease {Lease} is now held by {Holder}")]
    public static partial void NewLeader(ILogger logger, string lease, string holder);
}
