using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.Client.Informers;

/// <summary>What an informer watches and how it recovers. Every default is written here.</summary>
public sealed record InformerOptions
{
    public static InformerOptions Default { get; } = new();

    /// <summary>Namespace to watch; null (default) watches all namespaces.</summary>
    public string? Namespace { get; init; }

    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>
    /// Objects per list page; 0 lists in one response. Default 500, client-go's pager page size: memory during a
    /// list stays bounded by one page beside the cache.
    /// </summary>
    public int ListPageSize { get; init; } = 500;

    /// <summary>
    /// Shortest watch before the informer asks the server to end it and watches again from where it was; each watch
    /// picks at random between this and twice this, as client-go's reflector (5 to 10 minutes), so that many
    /// clients do not reconnect together. Default 5 minutes.
    /// </summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait after a failed list or broken watch; doubles per failure. Default 800 ms (client-go's reflector).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Longest wait between attempts. Default 30 s (client-go's reflector).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of backoff waits. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
