using FastKube.Api.Core;
using FastKube.Cri.V1;
using FastKube.Grpc;
using FastKube.NodeAgent.Containers;
using FastKube.NodeAgent.Kubelet;
using FastKube.NodeAgent.Pleg;
using FastKube.NodeAgent.Status;
using FastKube.NodeAgent.Volumes;
using Container = FastKube.Api.Core.Container;
using Pod = FastKube.Api.Core.Pod;

namespace FastKube.NodeAgent.Pods;

internal sealed partial class PodWorkers
{
    /// <summary>Upstream's minimum grace period for StopContainer (kuberuntime minimumGracePeriodInSeconds).</summary>
    private const long MinimumGracePeriodSeconds = 2;

    /// <summary>One sync of one pod; returns when to sync again without an event (backoff), if ever.</summary>
    private async Task<TimeSpan?> SyncAsync(Worker worker, CancellationToken ct)
    {
        Pod pod;
        bool removed;
        HashSet<string> kills;
        lock (_lock)
        {
            pod = worker.Pod;
            removed = worker.Removed;
            kills = [.. worker.KillRequests];
            worker.KillRequests.Clear();
        }

        var runtimePod = await RuntimeInspector.GetPodAsync(_runtime, worker.Uid, ct).ConfigureAwait(false);
        if (removed)
        {
            await KillPodAsync(pod, runtimePod, remove: true, ct).ConfigureAwait(false);
            worker.Finished = true;
            return null;
        }

        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            KubeletLog.KillingPod(_logger, pod.Metadata.Namespace, pod.Metadata.Name, GracePeriod(pod));
            await KillPodAsync(pod, runtimePod, remove: true, ct).ConfigureAwait(false);
            await _api.DeleteAsync(pod, ct).ConfigureAwait(false);
            worker.Finished = true;
            return null;
        }

        var old = worker.LastStatus ?? pod.Status;
        var waiting = new Dictionary<string, ContainerWaiting>(StringComparer.Ordinal);
        TimeSpan? requeue = null;
        // Upstream's WaitForAttachAndMount: no sandbox or container starts before every volume is set up.
        var volumes = old?.Phase is not (PodPhases.Succeeded or PodPhases.Failed) ? await _volumes.SetUpAsync(pod, ct).ConfigureAwait(false) : null;
        if (volumes is { Ready: false })
        {
            requeue = volumes.RetryAfter;
        }
        else if (volumes is not null)
        {
            var step = new SyncStep(pod, runtimePod, waiting, kills, volumes.Volumes);
            await AdvanceAsync(step, ct).ConfigureAwait(false);
            requeue = step.Requeue;
            if (step.Changed)
            {
                runtimePod = await RuntimeInspector.GetPodAsync(_runtime, worker.Uid, ct).ConfigureAwait(false);
            }
        }

        var current = new Pod { Metadata = pod.Metadata, Spec = pod.Spec, Status = old };
        var status = PodStatusBuilder.Build(current, runtimePod, waiting, Health, _options.HostIP, _options.RuntimeName, _time.GetUtcNow());
        if (status.Phase is PodPhases.Succeeded or PodPhases.Failed && runtimePod.ReadySandbox is not null)
        {
            // A finished pod keeps its status but gives back its network and processes (upstream kills it).
            await KillPodAsync(pod, runtimePod, remove: false, ct).ConfigureAwait(false);
        }

        var key = StatusKey(status);
        if (key != worker.LastStatusKey && key != StatusKey(pod.Status))
        {
            await _api.PatchStatusAsync(pod, status, ct).ConfigureAwait(false);
        }

        worker.LastStatus = status;
        worker.LastStatusKey = key;
        return requeue;
    }

    /// <summary>Sandbox first, then init containers strictly one at a time, then every app container.</summary>
    private async Task AdvanceAsync(SyncStep step, CancellationToken ct)
    {
        var pod = step.Pod;
        var spec = pod.Spec ?? new PodSpec();
        var policy = spec.RestartPolicy ?? RestartPolicies.Always;
        var sandbox = step.Runtime.ReadySandbox;
        if (sandbox is null)
        {
            if (policy == RestartPolicies.Never && step.Runtime.Containers.Count > 0)
            {
                return;
            }

            var attempt = step.Runtime.Sandboxes.Count == 0 ? 0u : step.Runtime.Sandboxes.Max(s => s.Attempt) + 1;
            foreach (var dead in step.Runtime.Sandboxes)
            {
                await _runtime.StopPodSandboxAsync(dead.Id, ct).ConfigureAwait(false);
            }

            var config = SandboxConfigBuilder.Build(pod, attempt, _config);
            if (_options.CreateLogDirectories)
            {
                Directory.CreateDirectory(config.LogDirectory);
            }

            var id = await _runtime.RunPodSandboxAsync(config, "", ct).ConfigureAwait(false);
            step.Changed = true;
            // The new sandbox's IP feeds status.podIP fieldRefs of the containers created in this sync.
            var created = await _runtime.PodSandboxStatusAsync(id, false, ct).ConfigureAwait(false);
            sandbox = new RuntimeSandbox(id, attempt, PodSandboxState.SandboxReady, 0, created.Status?.Network?.Ip ?? "");
        }

        var sandboxConfig = SandboxConfigBuilder.Build(pod, sandbox.Attempt, _config);
        var appStarted = (spec.Containers ?? []).Any(c => InSandbox(step.Runtime, c, sandbox) is not null);
        if (!appStarted)
        {
            foreach (var init in spec.InitContainers ?? [])
            {
                var instance = InSandbox(step.Runtime, init, sandbox);
                if (instance is { IsExited: true, ExitCode: 0 })
                {
                    continue;
                }

                if (instance is null)
                {
                    await StartAsync(step, init, sandbox, sandboxConfig, ct).ConfigureAwait(false);
                }
                else if (instance.IsExited && policy != RestartPolicies.Never)
                {
                    await RestartWithBackoffAsync(step, init, instance, sandbox, sandboxConfig, ct).ConfigureAwait(false);
                }

                // Running, or failed for good under Never: either way nothing after it may start.
                return;
            }
        }

        foreach (var container in spec.Containers ?? [])
        {
            var name = container.Name ?? "";
            var instance = InSandbox(step.Runtime, container, sandbox);
            if (instance is null)
            {
                var previous = step.Runtime.Latest(name);
                if (previous is null || policy != RestartPolicies.Never)
                {
                    await StartAsync(step, container, sandbox, sandboxConfig, ct).ConfigureAwait(false);
                }
            }
            else if (instance.IsRunning && (step.Kills.Contains(name) || instance.Hash != ContainerConfigBuilder.Hash(container)))
            {
                await _runtime.StopContainerAsync(instance.Id, GracePeriod(pod), ct).ConfigureAwait(false);
                step.Changed = true;
            }
            else if (instance.IsExited && (policy == RestartPolicies.Always || (policy == RestartPolicies.OnFailure && instance.ExitCode != 0)))
            {
                await RestartWithBackoffAsync(step, container, instance, sandbox, sandboxConfig, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task RestartWithBackoffAsync(SyncStep step, Container container, RuntimeContainer exited, RuntimeSandbox sandbox, PodSandboxConfig sandboxConfig, CancellationToken ct)
    {
        var meta = step.Pod.Metadata!;
        var name = container.Name ?? "";
        var key = RestartBackoff.Key(step.Runtime.Uid, name);
        var finishedAt = DateTimeOffset.UnixEpoch.AddTicks(exited.FinishedAt / 100);
        if (_backoff.IsInBackOff(key, finishedAt, out var delay, out var remaining))
        {
            step.Waiting[name] = new ContainerWaiting("CrashLoopBackOff", RestartBackoff.Message(delay, name, meta.Name ?? "", meta.Namespace ?? "", meta.Uid ?? ""));
            step.RequeueWithin(remaining);
            return;
        }

        _backoff.Next(key);
        await StartAsync(step, container, sandbox, sandboxConfig, ct).ConfigureAwait(false);
    }

    /// <summary>Pulls as the policy says, removes all but the newest dead instance, creates and starts the next instance.</summary>
    private async Task StartAsync(SyncStep step, Container container, RuntimeSandbox sandbox, PodSandboxConfig sandboxConfig, CancellationToken ct)
    {
        var name = container.Name ?? "";
        var imageRef = await EnsureImageAsync(step, container, sandboxConfig, ct).ConfigureAwait(false);
        if (imageRef is null)
        {
            return;
        }

        var instances = step.Runtime.Instances(name).ToList();
        foreach (var old in instances.Skip(1).Where(c => c.IsExited))
        {
            await _runtime.RemoveContainerAsync(old.Id, ct).ConfigureAwait(false);
        }

        var restartCount = instances.Count == 0 ? 0 : instances[0].RestartCount + 1;
        if (_options.CreateLogDirectories)
        {
            Directory.CreateDirectory(Path.Combine(sandboxConfig.LogDirectory, name));
        }

        var env = await _environment.BuildEnvAsync(step.Pod, container, sandbox, ct).ConfigureAwait(false);
        if (!env.Succeeded)
        {
            // Upstream: CreateContainerConfigError, retried on the next sync (a ConfigMap may appear).
            step.Waiting[name] = new ContainerWaiting("CreateContainerConfigError", env.Error ?? "");
            step.RequeueWithin(RestartBackoff.Initial);
            return;
        }

        var (mounts, mountError) = _volumes.Mounts(container, step.Volumes, env.Variables);
        if (mountError is not null)
        {
            step.Waiting[name] = new ContainerWaiting("CreateContainerConfigError", mountError);
            step.RequeueWithin(RestartBackoff.Initial);
            return;
        }

        var resources = ResourceMapper.Map(step.Pod, container, _environment.MemoryCapacityBytes);
        var config = ContainerConfigBuilder.Build(step.Pod, container, restartCount, imageRef, env.Variables, resources, mounts);
        step.Changed = true;
        string id;
        try
        {
            id = await _runtime.CreateContainerAsync(sandbox.Id, config, sandboxConfig, ct).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            step.Waiting[name] = new ContainerWaiting("CreateContainerError", e.Detail);
            step.RequeueWithin(RestartBackoff.Initial);
            return;
        }

        try
        {
            await _runtime.StartContainerAsync(id, ct).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            step.Waiting[name] = new ContainerWaiting("RunContainerError", e.Detail);
            step.RequeueWithin(RestartBackoff.Initial);
        }
    }

    /// <summary>The image reference to create the container from, or null with the waiting reason set (upstream's image manager).</summary>
    private async Task<string?> EnsureImageAsync(SyncStep step, Container container, PodSandboxConfig sandboxConfig, CancellationToken ct)
    {
        var name = container.Name ?? "";
        var image = container.Image ?? "";
        var policy = container.ImagePullPolicy ?? PullPolicies.IfNotPresent;
        var present = await _runtime.ImageStatusAsync(new ImageSpec { Image = image }, ct).ConfigureAwait(false);
        if (present is not null && policy != PullPolicies.Always)
        {
            return present.Id;
        }

        if (policy == PullPolicies.Never)
        {
            step.Waiting[name] = new ContainerWaiting("ErrImageNeverPull", $"Container image \"{image}\" is not present with pull policy of Never");
            return null;
        }

        try
        {
            return await _runtime.PullImageAsync(new ImageSpec { Image = image }, null, sandboxConfig, ct).ConfigureAwait(false);
        }
        catch (RpcException e) when (present is not null)
        {
            // FastKube deviation: with no registry reachable, an Always pull of an image that is present
            // (e.g. localhost/fastkube/busybox:latest, imported) uses the local copy instead of failing.
            KubeletLog.PullFellBack(_logger, image, e.Detail);
            return present.Id;
        }
        catch (RpcException e)
        {
            step.Waiting[name] = new ContainerWaiting("ErrImagePull", e.Detail);
            step.RequeueWithin(RestartBackoff.Initial);
            return null;
        }
    }

    /// <summary>Stops every container with the pod's grace period, then its sandboxes (and removes them when asked).</summary>
    private async Task KillPodAsync(Pod pod, RuntimePod runtimePod, bool remove, CancellationToken ct)
    {
        var grace = GracePeriod(pod);
        await Task.WhenAll(runtimePod.Containers.Where(c => c.IsRunning || c.State == FastKube.Cri.V1.ContainerState.ContainerCreated)
            .Select(c => IgnoreNotFound(_runtime.StopContainerAsync(c.Id, grace, ct)))).ConfigureAwait(false);
        foreach (var sandbox in runtimePod.Sandboxes)
        {
            await IgnoreNotFound(_runtime.StopPodSandboxAsync(sandbox.Id, ct)).ConfigureAwait(false);
            if (remove)
            {
                await IgnoreNotFound(_runtime.RemovePodSandboxAsync(sandbox.Id, ct)).ConfigureAwait(false);
            }
        }

        if (remove)
        {
            // Every container is stopped: the pod's volumes (tmpfs mounts, files) can go.
            _volumes.TearDown(pod.Metadata?.Uid ?? "");
        }
    }

    private static async Task IgnoreNotFound(Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // Gone already: what we wanted.
        }
    }

    /// <summary>deletionGracePeriodSeconds, else terminationGracePeriodSeconds (default 30), at least 2 s as upstream.</summary>
    private static long GracePeriod(Pod pod) =>
        Math.Max(MinimumGracePeriodSeconds, pod.Metadata?.DeletionGracePeriodSeconds ?? pod.Spec?.TerminationGracePeriodSeconds ?? 30);

    private static RuntimeContainer? InSandbox(RuntimePod runtime, Container container, RuntimeSandbox sandbox) =>
        runtime.Instances(container.Name ?? "").FirstOrDefault(c => c.SandboxId == sandbox.Id);

    /// <summary>One sync's working state: the pod, what the runtime held, and what the sync decided.</summary>
    private sealed class SyncStep(Pod pod, RuntimePod runtime, Dictionary<string, ContainerWaiting> waiting, HashSet<string> kills, IReadOnlyDictionary<string, PodVolume> volumes)
    {
        public Pod Pod { get; } = pod;

        public IReadOnlyDictionary<string, PodVolume> Volumes { get; } = volumes;

        public RuntimePod Runtime { get; } = runtime;

        public Dictionary<string, ContainerWaiting> Waiting { get; } = waiting;

        public HashSet<string> Kills { get; } = kills;

        public bool Changed { get; set; }

        public TimeSpan? Requeue { get; private set; }

        public void RequeueWithin(TimeSpan delay)
        {
            delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
            Requeue = Requeue is { } current && current < delay ? current : delay;
        }
    }
}
