using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.Api.Tests.Serialization.MessagePack;

/// <summary>Small real objects whose wire bytes are kept as golden files and shown in docs/watch-protocol.md.</summary>
internal static class Fixtures
{
    public static ConfigMap SmallConfigMap() => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new ObjectMeta
        {
            Name = "demo",
            Namespace = "default",
            ResourceVersion = "42",
            CreationTimestamp = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
            Labels = new() { ["app"] = "demo" },
        },
        Data = new() { ["mode"] = "fast" },
    };
}
