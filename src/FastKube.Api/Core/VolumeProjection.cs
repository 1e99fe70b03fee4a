using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One source of a projected volume; exactly one is set.
/// </summary>
public sealed class VolumeProjection
{
    [WireKey(1)]
    public SecretProjection? Secret { get; set; }

    [WireKey(2)]
    public DownwardAPIProjection? DownwardAPI { get; set; }

    [WireKey(3)]
    public ConfigMapProjection? ConfigMap { get; set; }

    [WireKey(4)]
    public ServiceAccountTokenProjection? ServiceAccountToken { get; set; }
}
