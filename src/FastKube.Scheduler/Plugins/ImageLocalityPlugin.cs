using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>
/// Favours nodes that already hold the pod's images: the summed sizes, each scaled by the share of nodes
/// that have it (so one node with a popular image does not attract everything), mapped linearly from
/// 23 MiB (score 0) to 1000 MiB per container (score 100), upstream's thresholds.
/// </summary>
internal sealed class ImageLocalityPlugin : IScorePlugin
{
    private const long Mb = 1024 * 1024;
    private const long MinThreshold = 23 * Mb;
    private const long MaxContainerThreshold = 1000 * Mb;

    private string[] _images = [];
    private double[] _spread = [];
    private long _maxThreshold;

    public string Name => PluginNames.ImageLocality;

    public bool PreScore(CycleContext context)
    {
        var spec = context.Pod.Spec;
        var containers = (spec?.InitContainers ?? []).Concat(spec?.Containers ?? []).ToArray();
        _images = [.. containers.Select(c => Normalize(c.Image ?? ""))];
        var nodes = Math.Max(1, context.Cache.NodeCount);
        _spread = [.. _images.Select(i => (double)context.Cache.NodesWithImage(i) / nodes)];
        _maxThreshold = MaxContainerThreshold * containers.Length;
        return _spread.Any(s => s > 0);
    }

    public long Score(CycleContext context, int slot)
    {
        var images = context.Cache.Images[slot];
        if (images is null)
        {
            return 0;
        }

        long sum = 0;
        for (var i = 0; i < _images.Length; i++)
        {
            if (images.TryGetValue(_images[i], out var size))
            {
                sum += (long)(size * _spread[i]);
            }
        }

        sum = Math.Clamp(sum, MinThreshold, Math.Max(MinThreshold, _maxThreshold));
        return _maxThreshold <= MinThreshold ? 0 : ScoreMath.MaxNodeScore * (sum - MinThreshold) / (_maxThreshold - MinThreshold);
    }

    public void Normalize(CycleContext context, Span<long> scores)
    {
    }

    /// <summary>Upstream's normalizedImageName: an image without a tag or digest means ":latest".</summary>
    internal static string Normalize(string image)
    {
        var lastSlash = image.LastIndexOf('/');
        var name = lastSlash >= 0 ? image[(lastSlash + 1)..] : image;
        return name.Contains(':', StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal) ? image : image + ":latest";
    }
}
