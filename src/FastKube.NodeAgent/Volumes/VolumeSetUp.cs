namespace FastKube.NodeAgent.Volumes;

/// <summary>
/// The outcome of setting up a pod's volumes: every volume by name once all are ready; otherwise the
/// FailedMount messages of those that are not and when to try again.
/// </summary>
internal sealed record VolumeSetUp(IReadOnlyDictionary<string, PodVolume> Volumes, IReadOnlyList<string> Errors, TimeSpan RetryAfter)
{
    public bool Ready => Errors.Count == 0;
}
