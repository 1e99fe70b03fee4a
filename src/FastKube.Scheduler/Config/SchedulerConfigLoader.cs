using FastKube.Client.Configuration;

namespace FastKube.Scheduler.Config;

/// <summary>
/// Parses, defaults and validates a KubeSchedulerConfiguration YAML document. Every error names the
/// field path, the bad value and what is allowed, e.g.
/// <c>profiles[0].plugins.score.enabled[0].name: Invalid value: "Foo": unknown plugin; known: ...</c>.
/// </summary>
public static partial class SchedulerConfigLoader
{
    /// <summary>The configuration, or null with the list of errors.</summary>
    public static (SchedulerConfiguration? Configuration, IReadOnlyList<string> Errors) Load(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new List<string>();
        if (ConfigFields.Open(yaml, SchedulerConfiguration.ApiVersion, SchedulerConfiguration.KindName, errors) is not { } fields)
        {
            return (null, errors);
        }

        var config = new SchedulerConfiguration();
        if (fields.Int("parallelism") is { } parallelism)
        {
            if (parallelism <= 0)
            {
                fields.Error("parallelism", parallelism, "should be an integer value greater than zero");
            }

            config = config with { Parallelism = parallelism };
        }

        if (fields.Int("percentageOfNodesToScore") is { } percentage)
        {
            CheckPercentage(fields, "percentageOfNodesToScore", percentage);
            config = config with { PercentageOfNodesToScore = percentage };
        }

        if (fields.Int("podInitialBackoffSeconds") is { } initial)
        {
            if (initial <= 0)
            {
                fields.Error("podInitialBackoffSeconds", initial, "must be greater than 0");
            }

            config = config with { PodInitialBackoffSeconds = initial };
        }

        if (fields.Int("podMaxBackoffSeconds") is { } max)
        {
            if (max < config.PodInitialBackoffSeconds)
            {
                fields.Error("podMaxBackoffSeconds", max, "must be greater than or equal to PodInitialBackoffSeconds");
            }

            config = config with { PodMaxBackoffSeconds = max };
        }

        if (fields.Mapping("leaderElection") is { } election)
        {
            config = config with { LeaderElection = ParseLeaderElection(election) };
        }

        if (fields.Mapping("clientConnection") is { } connection)
        {
            config = config with { ClientConnection = ParseClientConnection(connection) };
        }

        // Accepted for compatibility with upstream files; FastKube has no use for them.
        fields.Ignore("debuggingConfiguration");
        fields.Ignore("extenders");
        fields.Ignore("delayCacheUntilActive");

        var profiles = new List<ProfileConfiguration>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var profile in fields.Mappings("profiles"))
        {
            var parsed = ParseProfile(profile);
            if (!names.Add(parsed.SchedulerName))
            {
                profile.Error(profile.Field("schedulerName"), parsed.SchedulerName, "Duplicate value");
            }

            profiles.Add(parsed);
        }

        if (profiles.Count > 0)
        {
            config = config with { Profiles = profiles };
        }

        fields.RejectUnknown();
        return errors.Count == 0 ? (config, []) : (null, errors);
    }

    private static LeaderElectionSettings ParseLeaderElection(ConfigFields fields)
    {
        var defaults = new LeaderElectionSettings();
        var settings = defaults with
        {
            LeaderElect = fields.Bool("leaderElect") ?? defaults.LeaderElect,
            LeaseDuration = fields.Duration("leaseDuration") ?? defaults.LeaseDuration,
            RenewDeadline = fields.Duration("renewDeadline") ?? defaults.RenewDeadline,
            RetryPeriod = fields.Duration("retryPeriod") ?? defaults.RetryPeriod,
            ResourceLock = fields.String("resourceLock") ?? defaults.ResourceLock,
            ResourceName = fields.String("resourceName") ?? defaults.ResourceName,
            ResourceNamespace = fields.String("resourceNamespace") ?? defaults.ResourceNamespace,
        };
        if (settings.LeaderElect)
        {
            // Upstream's ValidateLeaderElectionConfiguration.
            if (settings.LeaseDuration <= settings.RenewDeadline)
            {
                fields.Error(fields.Field("leaseDuration"), FastKube.Api.Meta.GoDuration.Format(settings.LeaseDuration), "LeaseDuration must be greater than RenewDeadline");
            }

            if (settings.RenewDeadline <= settings.RetryPeriod * 1.2)
            {
                fields.Error(fields.Field("renewDeadline"), FastKube.Api.Meta.GoDuration.Format(settings.RenewDeadline), "RenewDeadline must be greater than RetryPeriod*JitterFactor (1.2)");
            }

            if (settings.ResourceLock != "leases")
            {
                fields.Error(fields.Field("resourceLock"), settings.ResourceLock, "must be leases");
            }

            if (settings.ResourceName.Length == 0 || settings.ResourceNamespace.Length == 0)
            {
                fields.Error(fields.Field(settings.ResourceName.Length == 0 ? "resourceName" : "resourceNamespace"), "", "Required value");
            }
        }

        fields.RejectUnknown();
        return settings;
    }

    private static ClientConnectionSettings ParseClientConnection(ConfigFields fields)
    {
        var defaults = new ClientConnectionSettings();
        var settings = defaults with
        {
            Kubeconfig = fields.String("kubeconfig") ?? defaults.Kubeconfig,
            Qps = fields.Number("qps") ?? defaults.Qps,
            Burst = fields.Int("burst") ?? defaults.Burst,
        };
        if (settings.Qps < 0)
        {
            fields.Error(fields.Field("qps"), settings.Qps, "must be greater than or equal to 0");
        }

        if (settings.Burst < 0)
        {
            fields.Error(fields.Field("burst"), settings.Burst, "must be greater than or equal to 0");
        }

        // Wire formats are the client's own business (MessagePack reads, JSON writes).
        fields.Ignore("contentType");
        fields.Ignore("acceptContentTypes");
        fields.RejectUnknown();
        return settings;
    }

    private static void CheckPercentage(ConfigFields fields, string name, int value)
    {
        if (value is < 0 or > 100)
        {
            fields.Error(fields.Field(name), value, "not in valid range [0-100]");
        }
    }

    private static ProfileConfiguration ParseProfile(ConfigFields fields)
    {
        var profile = new ProfileConfiguration();
        var name = fields.String("schedulerName");
        if (name is not null)
        {
            if (name.Length == 0)
            {
                fields.Error(fields.Field("schedulerName"), name, "Required value");
            }

            profile = profile with { SchedulerName = name };
        }

        if (fields.Int("percentageOfNodesToScore") is { } percentage)
        {
            CheckPercentage(fields, "percentageOfNodesToScore", percentage);
            profile = profile with { PercentageOfNodesToScore = percentage };
        }

        if (fields.Mapping("plugins") is { } plugins)
        {
            profile = ParsePlugins(plugins, profile);
        }

        var configured = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in fields.Mappings("pluginConfig"))
        {
            var plugin = entry.String("name") ?? "";
            if (!configured.Add(plugin))
            {
                entry.Error(entry.Field("name"), plugin, "Duplicate value");
            }

            profile = ParseArgs(entry, plugin, profile);
            entry.RejectUnknown();
        }

        fields.RejectUnknown();
        return profile;
    }
}
