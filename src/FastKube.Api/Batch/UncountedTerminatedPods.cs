using FastKube.Api.Serialization;

namespace FastKube.Api.Batch;

/// <summary>
/// UIDs of finished pods not yet counted in the status.
/// </summary>
public sealed class UncountedTerminatedPods
{
    [WireKey(1)]
    public List<string>? Succeeded { get; set; }

    [WireKey(2)]
    public List<string>? Failed { get; set; }
}
