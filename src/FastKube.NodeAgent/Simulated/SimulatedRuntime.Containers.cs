using FastKube.Cri.V1;
using FastKube.Grpc;

namespace FastKube.NodeAgent.Simulated;

public sealed partial class SimulatedRuntime
{
    public Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Count("CreateContainer");
            var sandbox = GetSandbox(podSandboxId);
            if (sandbox.State != PodSandboxState.SandboxReady)
            {
                throw new RpcException(StatusCode.FailedPrecondition, $"sandbox \"{podSandboxId}\" is not running");
            }

            var image = FindImage(config.Image.Image) ?? throw new RpcException(StatusCode.NotFound, $"failed to get image \"{config.Image.Image}\": not found");
            var id = NewId();
            _containers[id] = new SimContainer(id, podSandboxId, config.Clone(), Now(), image.Id);
            return Task.FromResult(id);
        }
    }

    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Count("StartContainer");
            var container = GetContainer(containerId);
            if (container.State != ContainerState.ContainerCreated)
            {
                throw new RpcException(StatusCode.Unknown, $"container \"{containerId}\" is in {container.State} state, not created");
            }
        }

        if (_options.StartDelay > TimeSpan.Zero)
        {
            await Task.Delay(_options.StartDelay, _time, cancellationToken).ConfigureAwait(false);
        }

        lock (_lock)
        {
            var container = GetContainer(containerId);
            container.State = ContainerState.ContainerRunning;
            container.StartedAt = Now();
            if (_scripts.TryGetValue(container.Config.Metadata.Name, out var script) && script.ExitAfter is { } after)
            {
                var code = script.ExitCode;
                container.ExitTimer = _time.CreateTimer(_ => ExitLater(containerId, code), null, after, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public Task StopContainerAsync(string containerId, long timeoutSeconds, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Count("StopContainer");
            var container = GetContainer(containerId);
            if (container.State == ContainerState.ContainerRunning)
            {
                Exit(container, _options.StopExitCode, "");
            }
            else if (container.State == ContainerState.ContainerCreated)
            {
                container.State = ContainerState.ContainerExited;
                container.FinishedAt = Now();
            }

            return Task.CompletedTask;
        }
    }

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Count("RemoveContainer");
            if (_containers.TryGetValue(containerId, out var container))
            {
                if (container.State == ContainerState.ContainerRunning)
                {
                    throw new RpcException(StatusCode.Unknown, $"container \"{containerId}\" is running, stop it first");
                }

                container.ExitTimer?.Dispose();
                _containers.Remove(containerId);
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var result = new List<Container>();
            foreach (var container in _containers.Values)
            {
                if (filter is not null && ((filter.Id.Length > 0 && filter.Id != container.Id)
                    || (filter.PodSandboxId.Length > 0 && filter.PodSandboxId != container.SandboxId)
                    || (filter.State is not null && filter.State.State != container.State)
                    || !Matches(container.Config.Labels, filter.LabelSelector)))
                {
                    continue;
                }

                result.Add(new Container
                {
                    Id = container.Id,
                    PodSandboxId = container.SandboxId,
                    Metadata = container.Config.Metadata,
                    Image = container.Config.Image,
                    ImageRef = container.ImageRef,
                    State = container.State,
                    CreatedAt = container.CreatedAt,
                    Labels = { container.Config.Labels },
                    Annotations = { container.Config.Annotations },
                });
            }

            return Task.FromResult<IReadOnlyList<Container>>(result);
        }
    }

    public Task<ContainerStatusResponse> ContainerStatusAsync(string containerId, bool verbose = false, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var container = GetContainer(containerId);
            return Task.FromResult(new ContainerStatusResponse
            {
                Status = new ContainerStatus
                {
                    Id = container.Id,
                    Metadata = container.Config.Metadata,
                    State = container.State,
                    CreatedAt = container.CreatedAt,
                    StartedAt = container.StartedAt,
                    FinishedAt = container.FinishedAt,
                    ExitCode = container.ExitCode,
                    Image = container.Config.Image,
                    ImageRef = container.ImageRef,
                    Reason = container.Reason,
                    Labels = { container.Config.Labels },
                    Annotations = { container.Config.Annotations },
                    LogPath = container.Config.LogPath,
                },
            });
        }
    }

    public Task<ExecSyncResponse> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Count("ExecSync");
            var container = GetContainer(containerId);
            if (container.State != ContainerState.ContainerRunning)
            {
                throw new RpcException(StatusCode.Unknown, $"container \"{containerId}\" is not running");
            }

            var exec = _scripts.TryGetValue(container.Config.Metadata.Name, out var script) ? script.Exec : null;
            return Task.FromResult(exec?.Invoke(command) ?? new ExecSyncResponse { ExitCode = 0 });
        }
    }

    public Task ReopenContainerLogAsync(string containerId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _ = GetContainer(containerId);
            return Task.CompletedTask;
        }
    }

    private void ExitLater(string containerId, int exitCode)
    {
        lock (_lock)
        {
            if (_containers.TryGetValue(containerId, out var container) && container.State == ContainerState.ContainerRunning)
            {
                Exit(container, exitCode, "");
            }
        }
    }

    private void Exit(SimContainer container, int exitCode, string reason)
    {
        container.State = ContainerState.ContainerExited;
        container.ExitCode = exitCode;
        container.FinishedAt = Now();
        // containerd reports "Completed" or "Error" unless something more specific (OOMKilled) happened.
        container.Reason = reason.Length > 0 ? reason : exitCode == 0 ? "Completed" : "Error";
        container.ExitTimer?.Dispose();
        container.ExitTimer = null;
    }

    private SimContainer GetContainer(string id) =>
        _containers.TryGetValue(id, out var container) ? container : throw new RpcException(StatusCode.NotFound, $"an error occurred when try to find container \"{id}\": not found");

    private sealed class SimContainer(string id, string sandboxId, ContainerConfig config, long createdAt, string imageRef)
    {
        public string Id { get; } = id;

        public string SandboxId { get; } = sandboxId;

        public ContainerConfig Config { get; } = config;

        public long CreatedAt { get; } = createdAt;

        public string ImageRef { get; } = imageRef;

        public ContainerState State { get; set; } = ContainerState.ContainerCreated;

        public long StartedAt { get; set; }

        public long FinishedAt { get; set; }

        public int ExitCode { get; set; }

        public string Reason { get; set; } = "";

        public ITimer? ExitTimer { get; set; }
    }
}
