using FastKube.Client.Configuration;
using System.Globalization;
using System.Net;
using FastKube.Api.Meta;
using FastKube.Api.Resource;

namespace FastKube.NodeAgent.Configuration;

/// <summary>
/// Reads, defaults and validates a KubeletConfiguration YAML document. Every error names the field path,
/// the bad value and what is allowed, in upstream's field-error shape:
/// <c>maxPods: Invalid value: -1: must be greater than or equal to 0</c>. Unknown fields are errors (upstream
/// decodes component configs strictly).
/// </summary>
public static class KubeletConfigurationLoader
{
    /// <summary>The configuration, or null with every error found.</summary>
    public static (KubeletConfiguration? Configuration, IReadOnlyList<string> Errors) Load(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new List<string>();
        if (ConfigFields.Open(yaml, KubeletConfiguration.ApiVersion, KubeletConfiguration.KindName, errors) is not { } reader)
        {
            return (null, errors);
        }

        var d = new KubeletConfiguration();
        var config = d with
        {
            NodeName = reader.String("nodeName") ?? d.NodeName,
            NodeIP = reader.String("nodeIP") ?? d.NodeIP,
            Address = reader.String("address") ?? d.Address,
            Port = reader.Int("port") ?? d.Port,
            MaxPods = reader.Int("maxPods") ?? d.MaxPods,
            PodCIDR = reader.String("podCIDR") ?? d.PodCIDR,
            NodeStatusUpdateFrequency = reader.Duration("nodeStatusUpdateFrequency") ?? d.NodeStatusUpdateFrequency,
            NodeStatusReportFrequency = reader.Duration("nodeStatusReportFrequency") ?? d.NodeStatusReportFrequency,
            NodeLeaseDurationSeconds = reader.Int("nodeLeaseDurationSeconds") ?? d.NodeLeaseDurationSeconds,
            SyncFrequency = reader.Duration("syncFrequency") ?? d.SyncFrequency,
            ContainerRuntimeEndpoint = reader.String("containerRuntimeEndpoint") ?? d.ContainerRuntimeEndpoint,
            CgroupDriver = reader.String("cgroupDriver") ?? d.CgroupDriver,
            EvictionHard = reader.StringMap("evictionHard") ?? d.EvictionHard,
            ImageGCHighThresholdPercent = reader.Int("imageGCHighThresholdPercent") ?? d.ImageGCHighThresholdPercent,
            ImageGCLowThresholdPercent = reader.Int("imageGCLowThresholdPercent") ?? d.ImageGCLowThresholdPercent,
            PodLogsDirectory = reader.String("podLogsDirectory") ?? d.PodLogsDirectory,
            RootDirectory = reader.String("rootDirectory") ?? d.RootDirectory,
            NodeCapacity = reader.StringMap("nodeCapacity") ?? d.NodeCapacity,
        };
        reader.RejectUnknown();
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var invalid = Validate(config);
        return invalid.Count == 0 ? (config, []) : (null, invalid);
    }

    /// <summary>Checks a configuration (from a file or built in code); an empty list means valid.</summary>
    public static IReadOnlyList<string> Validate(KubeletConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<string>();
        void Error(string path, object? value, string detail) => errors.Add(ConfigFields.FormatError(path, value, detail));

        if (config.NodeName.Length > 0 && !IsDnsSubdomain(config.NodeName))
        {
            Error("nodeName", config.NodeName, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
        }

        if (config.NodeIP.Length > 0 && !IPAddress.TryParse(config.NodeIP, out _))
        {
            Error("nodeIP", config.NodeIP, "must be a valid IP address");
        }

        if (!IPAddress.TryParse(config.Address, out _))
        {
            Error("address", config.Address, "must be a valid IP address");
        }

        if (config.Port is < 1 or > 65535)
        {
            Error("port", config.Port, "must be between 1 and 65535, inclusive");
        }

        if (config.MaxPods < 0)
        {
            Error("maxPods", config.MaxPods, "must be greater than or equal to 0");
        }

        if (config.PodCIDR.Length > 0 && !IPNetwork.TryParse(config.PodCIDR, out _))
        {
            Error("podCIDR", config.PodCIDR, "must be a valid CIDR (e.g. 10.244.1.0/24)");
        }

        CheckPositive(config.NodeStatusUpdateFrequency, "nodeStatusUpdateFrequency", Error);
        CheckPositive(config.NodeStatusReportFrequency, "nodeStatusReportFrequency", Error);
        CheckPositive(config.SyncFrequency, "syncFrequency", Error);
        if (config.NodeLeaseDurationSeconds <= 0)
        {
            Error("nodeLeaseDurationSeconds", config.NodeLeaseDurationSeconds, "must be greater than 0");
        }

        if (!config.ContainerRuntimeEndpoint.StartsWith("unix://", StringComparison.Ordinal) || config.ContainerRuntimeEndpoint.Length == "unix://".Length)
        {
            Error("containerRuntimeEndpoint", config.ContainerRuntimeEndpoint, "must be a unix:// socket path (e.g. unix:///run/containerd/containerd.sock)");
        }

        if (config.CgroupDriver is not ("cgroupfs" or "systemd"))
        {
            Error("cgroupDriver", config.CgroupDriver, "supported values: \"cgroupfs\", \"systemd\"");
        }

        foreach (var (signal, threshold) in config.EvictionHard.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var path = $"evictionHard[{signal}]";
            if (!KubeletConfiguration.EvictionSignals.Contains(signal))
            {
                Error(path, signal, "unknown eviction signal; supported: " + string.Join(", ", KubeletConfiguration.EvictionSignals));
            }
            else if (!IsThreshold(threshold))
            {
                Error(path, threshold, "must be a non-negative quantity (e.g. 100Mi) or a percentage between 0% and 100%");
            }
        }

        CheckPercent(config.ImageGCHighThresholdPercent, "imageGCHighThresholdPercent", Error);
        CheckPercent(config.ImageGCLowThresholdPercent, "imageGCLowThresholdPercent", Error);
        if (config.ImageGCLowThresholdPercent > config.ImageGCHighThresholdPercent)
        {
            Error("imageGCLowThresholdPercent", config.ImageGCLowThresholdPercent,
                string.Create(CultureInfo.InvariantCulture, $"must be less than or equal to imageGCHighThresholdPercent ({config.ImageGCHighThresholdPercent})"));
        }

        CheckAbsolute(config.PodLogsDirectory, "podLogsDirectory", Error);
        CheckAbsolute(config.RootDirectory, "rootDirectory", Error);
        foreach (var (resource, value) in config.NodeCapacity.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!Quantity.TryParse(value, out var quantity) || quantity.Sign < 0)
            {
                Error($"nodeCapacity[{resource}]", value, "must be a non-negative quantity (e.g. 4, 8Gi)");
            }
        }

        return errors;
    }

    private static void CheckPositive(TimeSpan value, string path, Action<string, object?, string> error)
    {
        if (value <= TimeSpan.Zero)
        {
            error(path, GoDuration.Format(value), "must be greater than 0");
        }
    }

    private static void CheckPercent(int value, string path, Action<string, object?, string> error)
    {
        if (value is < 0 or > 100)
        {
            error(path, value, "must be between 0 and 100, inclusive");
        }
    }

    private static void CheckAbsolute(string value, string path, Action<string, object?, string> error)
    {
        if (!Path.IsPathRooted(value))
        {
            error(path, value, "must be an absolute path");
        }
    }

    private static bool IsThreshold(string value)
    {
        if (value.EndsWith('%'))
        {
            return decimal.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
                && percent is >= 0 and <= 100;
        }

        return Quantity.TryParse(value, out var quantity) && quantity.Sign >= 0;
    }

    private static bool IsDnsSubdomain(string name) =>
        name.Length <= 253
        && char.IsAsciiLetterLower(name[0]) | char.IsAsciiDigit(name[0])
        && char.IsAsciiLetterLower(name[^1]) | char.IsAsciiDigit(name[^1])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.');
}
