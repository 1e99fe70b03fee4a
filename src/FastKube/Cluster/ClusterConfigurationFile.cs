using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FastKube.ApiServer.Services;
using FastKube.NodeAgent.Configuration;
using FastKube.Proxy.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace FastKube.Cluster;

/// <summary>
/// Reads, validates and prints <see cref="ClusterConfiguration"/> YAML. Every error names the field, the
/// bad value and what is allowed, in the shape of upstream's field errors
/// (<c>apiServer.port: Invalid value: 70000: must be between 0 and 65535, inclusive</c>).
/// </summary>
internal static partial class ClusterConfigurationFile
{
    // Config files are small; a larger one is a mistake (or not a config file) and is refused unread.
    private const long MaxFileBytes = 1024 * 1024;

    public static (ClusterConfiguration? Config, List<string> Errors) Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return (null, [$"{path}: no such file"]);
        }

        if (info.Length > MaxFileBytes)
        {
            return (null, [$"{path}: {info.Length} bytes is larger than the {MaxFileBytes} bytes a configuration file may have"]);
        }

        ClusterConfiguration config;
        try
        {
            config = Deserializer.Deserialize<ClusterConfiguration?>(File.ReadAllText(path)) ?? new ClusterConfiguration();
        }
        catch (YamlException e)
        {
            return (null, [$"{path}:{e.Start.Line}:{e.Start.Column}: {Describe(e)}"]);
        }

        var errors = Validate(config);
        return (errors.Count == 0 ? config : null, errors.Select(e => $"{path}: {e}").ToList());
    }

    public static List<string> Validate(ClusterConfiguration config)
    {
        var errors = new List<string>();
        if (config.ApiVersion != ClusterConfiguration.CurrentApiVersion)
        {
            errors.Add($"apiVersion: Unsupported value: \"{config.ApiVersion}\": supported values: \"{ClusterConfiguration.CurrentApiVersion}\"");
        }

        if (config.Kind != ClusterConfiguration.KindName)
        {
            errors.Add($"kind: Unsupported value: \"{config.Kind}\": supported values: \"{ClusterConfiguration.KindName}\"");
        }

        if (string.IsNullOrWhiteSpace(config.DataDir))
        {
            errors.Add("dataDir: Required value: a directory for the store, certificates and kubeconfig");
        }

        if (!IPAddress.TryParse(config.ApiServer.BindAddress, out _))
        {
            errors.Add($"apiServer.bindAddress: Invalid value: \"{config.ApiServer.BindAddress}\": must be an IPv4 or IPv6 address");
        }

        if (!IPNetwork.TryParse(config.ApiServer.ServiceClusterIPRange, out var serviceRange)
            || serviceRange.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || serviceRange.PrefixLength is < 1 or > 30)
        {
            errors.Add($"apiServer.serviceClusterIPRange: Invalid value: \"{config.ApiServer.ServiceClusterIPRange}\": must be an IPv4 CIDR with a prefix between /1 and /30, such as 10.96.0.0/12");
        }

        if (!PortRange.TryParse(config.ApiServer.ServiceNodePortRange, out _))
        {
            errors.Add($"apiServer.serviceNodePortRange: Invalid value: \"{config.ApiServer.ServiceNodePortRange}\": must be low-high within 1-65535, such as 30000-32767");
        }

        Range(errors, "apiServer.port", config.ApiServer.Port, 0, 65535);
        Range(errors, "apiServer.maxRequestBodyBytes", config.ApiServer.MaxRequestBodyBytes, 1024, 1L << 30);
        Range(errors, "store.maxBatchSize", config.Store.MaxBatchSize, 1, 65536);
        Range(errors, "store.watchCapacity", config.Store.WatchCapacity, 16, 1 << 20);
        Range(errors, "controllerManager.concurrentReplicaSetSyncs", config.ControllerManager.ConcurrentReplicaSetSyncs, 1, 1000);
        Range(errors, "controllerManager.concurrentDeploymentSyncs", config.ControllerManager.ConcurrentDeploymentSyncs, 1, 1000);
        Range(errors, "controllerManager.concurrentEndpointSliceSyncs", config.ControllerManager.ConcurrentEndpointSliceSyncs, 1, 1000);
        Range(errors, "controllerManager.concurrentJobSyncs", config.ControllerManager.ConcurrentJobSyncs, 1, 1000);
        Range(errors, "controllerManager.concurrentTTLSyncs", config.ControllerManager.ConcurrentTTLSyncs, 1, 1000);
        Range(errors, "controllerManager.concurrentDaemonSetSyncs", config.ControllerManager.ConcurrentDaemonSetSyncs, 1, 1000);
        Range(errors, "controllerManager.concurrentStatefulSetSyncs", config.ControllerManager.ConcurrentStatefulSetSyncs, 1, 1000);
        Range(errors, "controllerManager.concurrentEndpointSyncs", config.ControllerManager.ConcurrentEndpointSyncs, 1, 1000);
        Range(errors, "controllerManager.concurrentNodeLifecycleSyncs", config.ControllerManager.ConcurrentNodeLifecycleSyncs, 1, 1000);
        Range(errors, "controllerManager.nodeMonitorGracePeriodSeconds", config.ControllerManager.NodeMonitorGracePeriodSeconds, 1, 86400);
        Range(errors, "controllerManager.concurrentNamespaceSyncs", config.ControllerManager.ConcurrentNamespaceSyncs, 1, 1000);
        Range(errors, "controllerManager.concurrentGCSyncs", config.ControllerManager.ConcurrentGCSyncs, 1, 1000);
        errors.AddRange(Controllers.ControllerSelection.Validate(config.ControllerManager.Controllers, "controllerManager.controllers"));
        errors.AddRange(config.ControllerManager.LeaderElection.Validate("controllerManager.leaderElection"));
        Range(errors, "controllerManager.kubeApiBurst", config.ControllerManager.KubeApiBurst, 1, 1_000_000);
        if (config.ControllerManager.KubeApiQps is < 0 or > 1_000_000 || double.IsNaN(config.ControllerManager.KubeApiQps))
        {
            errors.Add($"controllerManager.kubeApiQps: Invalid value: {config.ControllerManager.KubeApiQps.ToString(CultureInfo.InvariantCulture)}: must be between 0 (unlimited) and 1000000");
        }

        if (!NodeConfiguration.Runtimes.Contains(config.Node.Runtime))
        {
            errors.Add($"node.runtime: Unsupported value: \"{config.Node.Runtime}\": supported values: {string.Join(", ", NodeConfiguration.Runtimes.Select(r => $"\"{r}\""))}");
        }

        if (config.Node.KubeletConfig.Length > 0)
        {
            var (_, kubelet) = LoadKubeletConfiguration(config.Node.KubeletConfig);
            errors.AddRange(kubelet.Select(e => $"node.kubeletConfig: {config.Node.KubeletConfig}: {e}"));
        }

        if (config.Node.ProxyConfig.Length > 0)
        {
            var (_, proxy) = LoadProxyConfiguration(config.Node.ProxyConfig);
            errors.AddRange(proxy.Select(e => $"node.proxyConfig: {config.Node.ProxyConfig}: {e}"));
        }

        return errors;
    }

    /// <summary>The node's KubeletConfiguration file, or its errors.</summary>
    public static (KubeletConfiguration? Config, IReadOnlyList<string> Errors) LoadKubeletConfiguration(string path)
    {
        var info = new FileInfo(path);
        return !info.Exists ? (null, ["no such file"])
            : info.Length > MaxFileBytes ? (null, [$"{info.Length} bytes is larger than the {MaxFileBytes} bytes a configuration file may have"])
            : KubeletConfigurationLoader.Load(File.ReadAllText(path));
    }

    /// <summary>The node's KubeProxyConfiguration file, or its errors.</summary>
    public static (KubeProxyConfiguration? Config, IReadOnlyList<string> Errors) LoadProxyConfiguration(string path)
    {
        var info = new FileInfo(path);
        return !info.Exists ? (null, ["no such file"])
            : info.Length > MaxFileBytes ? (null, [$"{info.Length} bytes is larger than the {MaxFileBytes} bytes a configuration file may have"])
            : KubeProxyConfigurationLoader.Load(File.ReadAllText(path));
    }

    public static string Render(ClusterConfiguration config) => Serializer.Serialize(config);

    private static void Range(List<string> errors, string field, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{field}: Invalid value: {value}: must be between {min} and {max}, inclusive");
        }
    }

    // YamlDotNet names CLR types in its messages; a user wants the field.
    private static string Describe(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var unknown = UnknownProperty().Match(message);
        return unknown.Success ? $"unknown field \"{unknown.Groups[1].Value}\""
            : e.InnerException is FormatException or OverflowException ? $"Invalid value: {message}"
            : message;
    }

    [GeneratedRegex("Property '([^']+)' not found on type")]
    private static partial Regex UnknownProperty();

    private static readonly IDeserializer Deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    private static readonly ISerializer Serializer = new SerializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
}
