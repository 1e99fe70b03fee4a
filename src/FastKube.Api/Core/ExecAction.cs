using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Runs a command in the container; exit code 0 is success.
/// </summary>
public sealed class ExecAction
{
    [WireKey(1)]
    public List<string>? Command { get; set; }
}
