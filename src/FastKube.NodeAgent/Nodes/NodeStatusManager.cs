using System.Text;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Resource;
using FastKube.Api.Serialization;
using FastKube.Client;
using FastKube.Cri;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Kubelet;
using Microsoft.Extensions.Logging;

namespace FastKube.NodeAgent.Nodes;

/// <summary>
/// Registers the Node (creates it, or adopts an existing one of that name) and keeps its status current:
/// every nodeStatusUpdateFrequency it recomputes the conditions and patches the status when they changed,
/// or when nodeStatusReportFrequency has passed since the last patch (upstream's kubelet with leases).
/// </summary>
internal sealed class NodeStatusManager(
    KubeClient client,
    IRuntimeService runtime,
    KubeletConfiguration config,
    MachineInfo machine,
    Func<NodeConditions.Pressure> pressure,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>The version the agent reports as kubeletVersion: the Kubernetes API it follows.</summary>
    public const string KubeletVersion = "v1.32.4-fastkube";

    private readonly ResourceClient<Node> _nodes = client.Resource<Node>();
    private readonly string _name = config.EffectiveNodeName;
    private List<NodeCondition>? _reported;
    private DateTimeOffset _lastReport;
    private string _runtimeVersion = "";

    /// <summary>The registered Node (its uid is the Lease's owner).</summary>
    public Node? Node { get; private set; }

    public async Task RegisterAsync(CancellationToken ct)
    {
        var version = await runtime.VersionAsync(ct).ConfigureAwait(false);
        _runtimeVersion = $"{version.RuntimeName}://{version.RuntimeVersion}";
        var node = new Node
        {
            Metadata = new ObjectMeta
            {
                Name = _name,
                Labels = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["kubernetes.io/hostname"] = _name,
                    ["kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = machine.Architecture,
                    ["beta.kubernetes.io/os"] = "linux",
                    ["beta.kubernetes.io/arch"] = machine.Architecture,
                },
            },
            Spec = config.PodCIDR.Length > 0 ? new NodeSpec { PodCIDR = config.PodCIDR, PodCIDRs = [config.PodCIDR] } : new NodeSpec(),
        };
        try
        {
            Node = await _nodes.CreateAsync(node, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsAlreadyExists)
        {
            // Upstream's kubelet adopts a Node of its name (a restart, or a re-registered machine).
            Node = await _nodes.GetAsync(null, _name, ct).ConfigureAwait(false);
            _reported = Node.Status?.Conditions;
        }

        await ReportAsync(force: true, ct).ConfigureAwait(false);
        KubeletLog.NodeRegistered(logger, _name);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(config.NodeStatusUpdateFrequency, time, ct).ConfigureAwait(false);
            try
            {
                await ReportAsync(force: false, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                KubeletLog.NodeStatusFailed(logger, e, _name);
            }
        }
    }

    /// <summary>Computes the status; patches it when something changed, when forced, or when the report is due.</summary>
    public async Task<bool> ReportAsync(bool force, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        Cri.V1.RuntimeStatus? runtimeStatus;
        try
        {
            runtimeStatus = (await runtime.StatusAsync(false, ct).ConfigureAwait(false)).Status;
        }
        catch (Grpc.RpcException)
        {
            runtimeStatus = null;
        }

        var conditions = NodeConditions.Compute(runtimeStatus, pressure(), _reported, now);
        if (!force && !NodeConditions.Changed(_reported, conditions) && now - _lastReport < config.NodeStatusReportFrequency)
        {
            return false;
        }

        var capacity = machine.Capacity(config);
        var status = new NodeStatus
        {
            Capacity = capacity,
            Allocatable = Allocatable(capacity),
            Conditions = conditions,
            Addresses =
            [
                new NodeAddress { Type = "InternalIP", Address = machine.NodeIP },
                new NodeAddress { Type = "Hostname", Address = _name },
            ],
            DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = config.Port } },
            NodeInfo = new NodeSystemInfo
            {
                MachineID = machine.MachineId,
                BootID = machine.BootId,
                KernelVersion = machine.KernelVersion,
                OsImage = machine.OsImage,
                ContainerRuntimeVersion = _runtimeVersion,
                KubeletVersion = KubeletVersion,
                OperatingSystem = "linux",
                Architecture = machine.Architecture,
            },
        };
        var patch = new StringBuilder("{\"status\":").Append(KubeJson.SerializeToString(status)).Append('}').ToString();
        Node = await _nodes.PatchStatusAsync(null, _name, PatchType.Merge, patch, cancellationToken: ct).ConfigureAwait(false);
        _reported = conditions;
        _lastReport = now;
        return true;
    }

    /// <summary>Capacity minus the memory.available hard eviction threshold (upstream's allocatable without reservations).</summary>
    private Dictionary<string, Quantity> Allocatable(Dictionary<string, Quantity> capacity)
    {
        var allocatable = new Dictionary<string, Quantity>(capacity, StringComparer.Ordinal);
        if (capacity.TryGetValue("memory", out var memory) && config.EvictionHard.TryGetValue("memory.available", out var threshold))
        {
            var reserved = PressureSignals.Threshold(threshold, memory.Value());
            allocatable["memory"] = Quantity.FromValue(Math.Max(0, memory.Value() - reserved), QuantityFormat.BinarySI);
        }

        return allocatable;
    }
}
