namespace FastKube.Api.Serialization.MessagePack;

/// <summary>
/// Bounds a decoder enforces on untrusted input. Exceeding one is a <see cref="MessagePackResult.LimitExceeded"/>
/// error; declared lengths are also checked against the bytes actually left before anything is allocated.
/// </summary>
public sealed record MessagePackLimits
{
    /// <summary>The defaults: generous for any Kubernetes object (etcd caps one at 1.5 MiB) yet bounded.</summary>
    public static MessagePackLimits Default { get; } = new();

    /// <summary>Maximum nesting of maps and arrays. Default 64 (a Pod nests about 10 deep; CRD schemas more).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Maximum bytes of one string. Default 4 MiB (above the 3 MiB request body limit of kube-apiserver).</summary>
    public int MaxStringBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Maximum bytes of one binary value. Default 16 MiB.</summary>
    public int MaxBinaryBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Maximum entries of one map or elements of one array. Default 1,048,576.</summary>
    public int MaxCollectionEntries { get; init; } = 1024 * 1024;

    /// <summary>Maximum size of the whole input to one decode call. Default 256 MiB (a large list response).</summary>
    public long MaxTotalInputBytes { get; init; } = 256L * 1024 * 1024;
}
