using System.Globalization;
using System.Text;
using FastKube.Api.Meta;

namespace FastKube.Scheduler.Config;

/// <summary>
/// Renders a configuration as KubeSchedulerConfiguration YAML, every default spelled out: the output of
/// <c>fastkube scheduler config defaults</c>, and a file <see cref="SchedulerConfigLoader"/> reads back
/// to an equal configuration.
/// </summary>
public static class SchedulerConfigWriter
{
    public static string Write(SchedulerConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var y = new StringBuilder();
        Line(y, 0, $"apiVersion: {SchedulerConfiguration.ApiVersion}");
        Line(y, 0, $"kind: {SchedulerConfiguration.KindName}");
        Line(y, 0, $"parallelism: {configuration.Parallelism}");
        Line(y, 0, $"percentageOfNodesToScore: {configuration.PercentageOfNodesToScore}");
        Line(y, 0, $"podInitialBackoffSeconds: {configuration.PodInitialBackoffSeconds}");
        Line(y, 0, $"podMaxBackoffSeconds: {configuration.PodMaxBackoffSeconds}");
        var election = configuration.LeaderElection;
        Line(y, 0, "leaderElection:");
        Line(y, 1, $"leaderElect: {(election.LeaderElect ? "true" : "false")}");
        Line(y, 1, $"leaseDuration: {GoDuration.Format(election.LeaseDuration)}");
        Line(y, 1, $"renewDeadline: {GoDuration.Format(election.RenewDeadline)}");
        Line(y, 1, $"retryPeriod: {GoDuration.Format(election.RetryPeriod)}");
        Line(y, 1, $"resourceLock: {election.ResourceLock}");
        Line(y, 1, $"resourceName: {election.ResourceName}");
        Line(y, 1, $"resourceNamespace: {election.ResourceNamespace}");
        var connection = configuration.ClientConnection;
        Line(y, 0, "clientConnection:");
        Line(y, 1, $"kubeconfig: \"{connection.Kubeconfig}\"");
        Line(y, 1, $"qps: {connection.Qps}");
        Line(y, 1, $"burst: {connection.Burst}");
        Line(y, 0, "profiles:");
        foreach (var profile in configuration.Profiles)
        {
            Line(y, 0, $"- schedulerName: {profile.SchedulerName}");
            if (profile.PercentageOfNodesToScore is { } percentage)
            {
                Line(y, 1, $"percentageOfNodesToScore: {percentage}");
            }

            Line(y, 1, "plugins:");
            Line(y, 2, "multiPoint:");
            Line(y, 3, "disabled:");
            Line(y, 3, "- name: '*'");
            Line(y, 2, "filter:");
            Line(y, 3, "enabled:" + (profile.Filters.Count == 0 ? " []" : ""));
            foreach (var filter in profile.Filters)
            {
                Line(y, 3, $"- name: {filter}");
            }

            Line(y, 2, "score:");
            Line(y, 3, "enabled:" + (profile.Scores.Count == 0 ? " []" : ""));
            foreach (var score in profile.Scores)
            {
                Line(y, 3, $"- name: {score.Name}");
                Line(y, 3, $"  weight: {score.Weight}");
            }

            Line(y, 2, "postFilter:");
            Line(y, 3, profile.Preemption ? "enabled:" : "enabled: []");
            if (profile.Preemption)
            {
                Line(y, 3, "- name: DefaultPreemption");
            }

            WriteArgs(y, profile);
        }

        return y.ToString();
    }

    private static void WriteArgs(StringBuilder y, ProfileConfiguration profile)
    {
        Line(y, 1, "pluginConfig:");
        Line(y, 1, "- name: DefaultPreemption");
        Line(y, 2, "args:");
        Line(y, 3, $"minCandidateNodesPercentage: {profile.DefaultPreemption.MinCandidateNodesPercentage}");
        Line(y, 3, $"minCandidateNodesAbsolute: {profile.DefaultPreemption.MinCandidateNodesAbsolute}");
        Line(y, 1, "- name: InterPodAffinity");
        Line(y, 2, "args:");
        Line(y, 3, $"hardPodAffinityWeight: {profile.InterPodAffinity.HardPodAffinityWeight}");
        Line(y, 3, $"ignorePreferredTermsOfExistingPods: {(profile.InterPodAffinity.IgnorePreferredTermsOfExistingPods ? "true" : "false")}");
        Line(y, 1, "- name: NodeResourcesBalancedAllocation");
        Line(y, 2, "args:");
        Resources(y, 3, profile.BalancedAllocation.Resources);
        var fit = profile.NodeResourcesFit;
        Line(y, 1, "- name: NodeResourcesFit");
        Line(y, 2, "args:");
        Line(y, 3, "ignoredResources: [" + string.Join(", ", fit.IgnoredResources) + "]");
        Line(y, 3, "ignoredResourceGroups: [" + string.Join(", ", fit.IgnoredResourceGroups) + "]");
        Line(y, 3, "scoringStrategy:");
        Line(y, 4, $"type: {fit.ScoringStrategy.Type}");
        Resources(y, 4, fit.ScoringStrategy.Resources);
        if (fit.ScoringStrategy.Shape.Count > 0)
        {
            Line(y, 4, "requestedToCapacityRatio:");
            Line(y, 5, "shape:");
            foreach (var point in fit.ScoringStrategy.Shape)
            {
                Line(y, 5, $"- utilization: {point.Utilization}");
                Line(y, 5, $"  score: {point.Score}");
            }
        }

        var spread = profile.PodTopologySpread;
        Line(y, 1, "- name: PodTopologySpread");
        Line(y, 2, "args:");
        Line(y, 3, $"defaultingType: {spread.DefaultingType}");
        Line(y, 3, "defaultConstraints:" + (spread.DefaultConstraints.Count == 0 ? " []" : ""));
        foreach (var constraint in spread.DefaultConstraints)
        {
            Line(y, 3, $"- maxSkew: {constraint.MaxSkew}");
            Line(y, 3, $"  topologyKey: {constraint.TopologyKey}");
            Line(y, 3, $"  whenUnsatisfiable: {constraint.WhenUnsatisfiable}");
        }
    }

    private static void Resources(StringBuilder y, int depth, IReadOnlyList<ResourceSpec> resources)
    {
        Line(y, depth, "resources:");
        foreach (var resource in resources)
        {
            Line(y, depth, $"- name: {resource.Name}");
            Line(y, depth, $"  weight: {resource.Weight}");
        }
    }

    private static void Line(StringBuilder y, int depth, FormattableString text) =>
        y.Append(' ', depth * 2).Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder y, int depth, string text) => y.Append(' ', depth * 2).Append(text).Append('\n');
}
