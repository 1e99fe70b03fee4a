using System.Globalization;
using FastKube.Cri;
using FastKube.Cri.V1;
using FastKube.Grpc;
using FastKube.NodeAgent.Pods;

namespace FastKube.NodeAgent.Pleg;

/// <summary>Reads one pod's sandboxes and containers from the runtime (upstream's GetPodStatus).</summary>
internal static class RuntimeInspector
{
    public static async Task<RuntimePod> GetPodAsync(IRuntimeService runtime, string uid, CancellationToken ct)
    {
        var sandboxFilter = new PodSandboxFilter { LabelSelector = { [KubeletLabels.PodUid] = uid } };
        var containerFilter = new ContainerFilter { LabelSelector = { [KubeletLabels.PodUid] = uid } };
        var sandboxList = await runtime.ListPodSandboxAsync(sandboxFilter, ct).ConfigureAwait(false);
        var containerList = await runtime.ListContainersAsync(containerFilter, ct).ConfigureAwait(false);

        var sandboxes = new List<RuntimeSandbox>(sandboxList.Count);
        foreach (var sandbox in sandboxList.OrderByDescending(s => s.Metadata?.Attempt ?? 0).ThenByDescending(s => s.CreatedAt))
        {
            var ip = "";
            if (sandbox.State == PodSandboxState.SandboxReady)
            {
                try
                {
                    var status = await runtime.PodSandboxStatusAsync(sandbox.Id, false, ct).ConfigureAwait(false);
                    ip = status.Status?.Network?.Ip ?? "";
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    continue;
                }
            }

            sandboxes.Add(new RuntimeSandbox(sandbox.Id, sandbox.Metadata?.Attempt ?? 0, sandbox.State, sandbox.CreatedAt, ip));
        }

        var containers = new List<RuntimeContainer>(containerList.Count);
        foreach (var container in containerList)
        {
            ContainerStatus status;
            try
            {
                status = (await runtime.ContainerStatusAsync(container.Id, false, ct).ConfigureAwait(false)).Status;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                continue;
            }

            containers.Add(new RuntimeContainer(
                container.Id,
                container.PodSandboxId,
                container.Labels.GetValueOrDefault(KubeletLabels.ContainerName) ?? container.Metadata?.Name ?? "",
                ParseInt(container.Annotations.GetValueOrDefault(KubeletLabels.RestartCount)),
                container.Annotations.GetValueOrDefault(KubeletLabels.ContainerHash) ?? "",
                status.State,
                status.CreatedAt,
                status.StartedAt,
                status.FinishedAt,
                status.ExitCode,
                status.Reason,
                status.Message,
                status.ImageRef));
        }

        containers.Sort((a, b) => a.RestartCount != b.RestartCount ? b.RestartCount.CompareTo(a.RestartCount) : b.CreatedAt.CompareTo(a.CreatedAt));
        return new RuntimePod(uid, sandboxes, containers);
    }

    private static int ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
