using System.Net;
using FastKube.Cri;
using FastKube.Cri.V1;
using FastKube.Grpc;

namespace FastKube.NodeAgent.Simulated;

/// <summary>
/// An in-memory container runtime that behaves like containerd's CRI as the kubelet loop sees it: sandboxes
/// (ready / not ready, a pod IP each), containers (created → running → exited with exit code and
/// timestamps), images, ExecSync. Containers run after <see cref="SimulatedRuntimeOptions.StartDelay"/>; tests
/// script exits and exec results per container name (<see cref="Script"/>, <see cref="ExitContainer"/>).
/// It is the runtime of hollow nodes and of the kubelet unit tests. Thread-safe (one lock).
/// </summary>
public sealed partial class SimulatedRuntime : IContainerRuntime, IDisposable
{
    private readonly object _lock = new();
    private readonly SimulatedRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SimSandbox> _sandboxes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimContainer> _containers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContainerScript> _scripts = new(StringComparer.Ordinal);
    private readonly uint _networkBase;
    private readonly uint _networkSize;
    private uint _nextHost = 2;
    private long _nextId;

    public SimulatedRuntime(SimulatedRuntimeOptions? options = null)
    {
        _options = options ?? new SimulatedRuntimeOptions();
        _time = _options.TimeProvider;
        var network = IPNetwork.Parse(_options.PodCidr);
        var bytes = network.BaseAddress.GetAddressBytes();
        _networkBase = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        _networkSize = 1u << (32 - network.PrefixLength);
        foreach (var image in _options.Images)
        {
            AddImage(image);
        }
    }

    /// <summary>Every call made, counted by method name (e.g. "StartContainer"), for tests.</summary>
    public IReadOnlyDictionary<string, int> Calls
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, int>(_calls, StringComparer.Ordinal);
            }
        }
    }

    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>Runtime conditions reported by Status; tests flip them to see the node go NotReady.</summary>
    public bool RuntimeReady { get; set; } = true;

    public bool NetworkReady { get; set; } = true;

    /// <summary>Sets what containers named <paramref name="containerName"/> do once they run (new starts only).</summary>
    public void Script(string containerName, ContainerScript script)
    {
        lock (_lock)
        {
            _scripts[containerName] = script;
        }
    }

    /// <summary>Makes every running container named <paramref name="containerName"/> exit now; returns how many did.</summary>
    public int ExitContainer(string containerName, int exitCode, string reason = "")
    {
        lock (_lock)
        {
            var count = 0;
            foreach (var container in _containers.Values)
            {
                if (container.Config.Metadata.Name == containerName && container.State == ContainerState.ContainerRunning)
                {
                    Exit(container, exitCode, reason);
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>Marks a sandbox not ready, as when its pause process died.</summary>
    /// <summary>The configs CreateContainer received for a container name, oldest first (what a real runtime would have been told).</summary>
    public IReadOnlyList<ContainerConfig> CreatedConfigs(string containerName)
    {
        lock (_lock)
        {
            return [.. _containers.Values.Where(c => c.Config.Metadata.Name == containerName).OrderBy(c => c.CreatedAt).Select(c => c.Config.Clone())];
        }
    }

    public void KillSandbox(string sandboxId)
    {
        lock (_lock)
        {
            var sandbox = GetSandbox(sandboxId);
            sandbox.State = PodSandboxState.SandboxNotready;
            foreach (var container in _containers.Values.Where(c => c.SandboxId == sandboxId && c.State == ContainerState.ContainerRunning))
            {
                Exit(container, 137, "");
            }
        }
    }

    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new VersionResponse { Version = "0.1.0", RuntimeName = "simulated", RuntimeVersion = "1.0.0", RuntimeApiVersion = "v1" });

    public Task<StatusResponse> StatusAsync(bool verbose = false, CancellationToken cancellationToken = default)
    {
        var status = new RuntimeStatus();
        status.Conditions.Add(new RuntimeCondition { Type = "RuntimeReady", Status = RuntimeReady, Reason = RuntimeReady ? "" : "SimulatedRuntimeDown", Message = RuntimeReady ? "" : "the simulated runtime is down" });
        status.Conditions.Add(new RuntimeCondition { Type = "NetworkReady", Status = NetworkReady, Reason = NetworkReady ? "" : "NetworkPluginNotReady", Message = NetworkReady ? "" : "Network plugin returns error: cni plugin not initialized" });
        return Task.FromResult(new StatusResponse { Status = status });
    }

    public Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler = "", CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Count("RunPodSandbox");
            var id = NewId();
            var host = _nextHost++;
            if (host >= _networkSize - 1)
            {
                throw new RpcException(StatusCode.ResourceExhausted, "no IP addresses available in range " + _options.PodCidr);
            }

            var ip = _networkBase + host;
            _sandboxes[id] = new SimSandbox(id, config.Clone(), Now(), $"{ip >> 24}.{(ip >> 16) & 255}.{(ip >> 8) & 255}.{ip & 255}");
            return Task.FromResult(id);
        }
    }

    public Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Count("StopPodSandbox");
            if (_sandboxes.TryGetValue(podSandboxId, out var sandbox))
            {
                sandbox.State = PodSandboxState.SandboxNotready;
                foreach (var container in _containers.Values.Where(c => c.SandboxId == podSandboxId && c.State == ContainerState.ContainerRunning))
                {
                    Exit(container, 137, "");
                }
            }

            return Task.CompletedTask;
        }
    }

    public Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Count("RemovePodSandbox");
            if (_sandboxes.TryGetValue(podSandboxId, out var sandbox))
            {
                if (sandbox.State == PodSandboxState.SandboxReady)
                {
                    throw new RpcException(StatusCode.FailedPrecondition, $"sandbox container \"{podSandboxId}\" is not fully stopped");
                }

                _sandboxes.Remove(podSandboxId);
                foreach (var id in _containers.Values.Where(c => c.SandboxId == podSandboxId).Select(c => c.Id).ToList())
                {
                    _containers[id].ExitTimer?.Dispose();
                    _containers.Remove(id);
                }
            }

            return Task.CompletedTask;
        }
    }

    public Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose = false, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var sandbox = GetSandbox(podSandboxId);
            return Task.FromResult(new PodSandboxStatusResponse
            {
                Status = new PodSandboxStatus
                {
                    Id = sandbox.Id,
                    Metadata = sandbox.Config.Metadata,
                    State = sandbox.State,
                    CreatedAt = sandbox.CreatedAt,
                    Network = new PodSandboxNetworkStatus { Ip = sandbox.Ip },
                    Labels = { sandbox.Config.Labels },
                    Annotations = { sandbox.Config.Annotations },
                },
            });
        }
    }

    public Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var result = new List<PodSandbox>();
            foreach (var sandbox in _sandboxes.Values)
            {
                if (filter is not null && ((filter.Id.Length > 0 && filter.Id != sandbox.Id)
                    || (filter.State is not null && filter.State.State != sandbox.State)
                    || !Matches(sandbox.Config.Labels, filter.LabelSelector)))
                {
                    continue;
                }

                result.Add(new PodSandbox
                {
                    Id = sandbox.Id,
                    Metadata = sandbox.Config.Metadata,
                    State = sandbox.State,
                    CreatedAt = sandbox.CreatedAt,
                    Labels = { sandbox.Config.Labels },
                    Annotations = { sandbox.Config.Annotations },
                });
            }

            return Task.FromResult<IReadOnlyList<PodSandbox>>(result);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var container in _containers.Values)
            {
                container.ExitTimer?.Dispose();
            }
        }
    }

    private static bool Matches(Google.Protobuf.Collections.MapField<string, string> labels, Google.Protobuf.Collections.MapField<string, string> selector)
    {
        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }

    private SimSandbox GetSandbox(string id) =>
        _sandboxes.TryGetValue(id, out var sandbox) ? sandbox : throw new RpcException(StatusCode.NotFound, $"an error occurred when try to find sandbox \"{id}\": not found");

    private long Now() => (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    private string NewId() => (++_nextId).ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    private void Count(string method) => _calls[method] = _calls.GetValueOrDefault(method) + 1;

    private sealed class SimSandbox(string id, PodSandboxConfig config, long createdAt, string ip)
    {
        public string Id { get; } = id;

        public PodSandboxConfig Config { get; } = config;

        public long CreatedAt { get; } = createdAt;

        public string Ip { get; } = ip;

        public PodSandboxState State { get; set; } = PodSandboxState.SandboxReady;
    }
}
