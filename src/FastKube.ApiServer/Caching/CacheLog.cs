using FastKube.Storage;
using Microsoft.Extensions.Logging;

namespace FastKube.ApiServer.Caching;

/// <summary>The watch cache's log messages (event ids 3100-3199).</summary>
internal static partial class CacheLog
{
    [LoggerMessage(3101, LogLevel.Warning, "Forcing {Resource} watcher close due to unresponsiveness: {Queued} events queued (limit {Limit})")]
    public static partial void WatcherTooSlow(ILogger logger, string resource, int queued, int limit);

    [LoggerMessage(3102, LogLevel.Information, "Watch cache primed at revision {Revision} with {Objects} objects in {Milliseconds} ms")]
    public static partial void Primed(ILogger logger, long revision, int objects, long milliseconds);

    [LoggerMessage(3103, LogLevel.Warning, "Watch cache lost its store watch ({End}); re-listing and closing every watcher")]
    public static partial void WatchLost(ILogger logger, WatchEnd end, Exception? error);

    [LoggerMessage(3104, LogLevel.Error, "Watch cache could not list the store; retrying")]
    public static partial void PrimeFailed(ILogger logger, Exception error);
}
