using KeyValue = FastKube.Cri.V1.KeyValue;

namespace FastKube.NodeAgent.Containers;

/// <summary>
/// A container's resolved environment, or why it cannot be resolved. <see cref="Error"/> is upstream's
/// message; the loop reports it as the CreateContainerConfigError waiting reason. <see cref="Warnings"/>
/// are upstream's InvalidEnvironmentVariableNames event messages (envFrom keys that were skipped).
/// </summary>
internal sealed record EnvResult(IReadOnlyList<KeyValue> Variables, string? Error, IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Error is null;

    public static EnvResult Failed(string error, IReadOnlyList<string> warnings) => new([], error, warnings);
}
