using System.Text.Json.Serialization;
using FastKube.Api.Meta;

namespace FastKube.Api.Serialization;

/// <summary>
/// Source-generated JSON metadata for every API type (no reflection at run time). Use it through
/// <see cref="KubeJson"/>, whose options add the omit-empty rule on top of these.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeJsonConverter)])]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(WatchEvent))]
[JsonSerializable(typeof(Table))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(ListMeta))]
[JsonSerializable(typeof(LabelSelector))]
[JsonSerializable(typeof(Condition))]
public sealed partial class KubeJsonContext : JsonSerializerContext;
