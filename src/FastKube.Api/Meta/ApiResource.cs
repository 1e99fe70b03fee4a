using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// One resource or subresource ("pods/status") in discovery.
/// </summary>
public sealed class ApiResource
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public string? SingularName { get; set; }

    [WireKey(3)]
    public bool? Namespaced { get; set; }

    [WireKey(4)]
    public string? Group { get; set; }

    [WireKey(5)]
    public string? Version { get; set; }

    [WireKey(6)]
    public string? Kind { get; set; }

    [WireKey(7)]
    public List<string>? Verbs { get; set; }

    [WireKey(8)]
    public List<string>? ShortNames { get; set; }

    [WireKey(9)]
    public List<string>? Categories { get; set; }

    [WireKey(10)]
    public string? StorageVersionHash { get; set; }
}
