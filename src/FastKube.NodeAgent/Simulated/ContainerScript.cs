using FastKube.Cri.V1;

namespace FastKube.NodeAgent.Simulated;

/// <summary>
/// What a simulated container does once running, chosen by container name: exit with a code after some time
/// (null: run until stopped), and how ExecSync answers (null: exit 0, no output).
/// </summary>
public sealed record ContainerScript
{
    public TimeSpan? ExitAfter { get; init; }

    public int ExitCode { get; init; }

    public Func<IReadOnlyList<string>, ExecSyncResponse>? Exec { get; init; }
}
