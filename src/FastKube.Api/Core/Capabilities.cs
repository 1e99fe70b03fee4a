using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Linux capabilities to add to and drop from the runtime's default set.
/// </summary>
public sealed class Capabilities
{
    [WireKey(1)]
    public List<string>? Add { get; set; }

    [WireKey(2)]
    public List<string>? Drop { get; set; }
}
