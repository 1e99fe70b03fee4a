using FastKube.Client.Configuration;

namespace FastKube.Scheduler.Config;

/// <summary>pluginConfig entries: typed args per plugin, validated as upstream's ValidateXxxArgs do.</summary>
public static partial class SchedulerConfigLoader
{
    private static readonly string[] StrategyTypes = [ScoringStrategy.LeastAllocated, ScoringStrategy.MostAllocated, ScoringStrategy.RequestedToCapacityRatio];

    private static ProfileConfiguration ParseArgs(ConfigFields entry, string plugin, ProfileConfiguration profile)
    {
        var args = entry.Mapping("args");
        switch (plugin)
        {
            case "NodeResourcesFit":
                return args is null ? profile : profile with { NodeResourcesFit = ParseFitArgs(args) };
            case "NodeResourcesBalancedAllocation":
                return args is null ? profile : profile with { BalancedAllocation = new BalancedAllocationArgs { Resources = ParseResources(args, "resources") ?? ScoringStrategy.DefaultResources } };
            case "PodTopologySpread":
                return args is null ? profile : profile with { PodTopologySpread = ParseSpreadArgs(args) };
            case "InterPodAffinity":
                return args is null ? profile : profile with { InterPodAffinity = ParseAffinityArgs(args) };
            case "DefaultPreemption":
                return args is null ? profile : profile with { DefaultPreemption = ParsePreemptionArgs(args) };
            default:
                entry.Error(entry.Field("name"), plugin, "no args for this plugin; allowed: DefaultPreemption, InterPodAffinity, NodeResourcesBalancedAllocation, NodeResourcesFit, PodTopologySpread");
                args?.RejectUnknown();
                return profile;
        }
    }

    private static NodeResourcesFitArgs ParseFitArgs(ConfigFields args)
    {
        var result = new NodeResourcesFitArgs
        {
            IgnoredResources = [.. args.Strings("ignoredResources").Select(s => s.Value)],
            IgnoredResourceGroups = [.. args.Strings("ignoredResourceGroups").Select(s => s.Value)],
        };
        if (args.Mapping("scoringStrategy") is { } strategy)
        {
            var type = strategy.String("type") ?? ScoringStrategy.LeastAllocated;
            if (!StrategyTypes.Contains(type))
            {
                strategy.Error(strategy.Field("type"), type, "Unsupported value; supported values: " + string.Join(", ", StrategyTypes.Select(t => $"\"{t}\"")));
            }

            var shape = new List<UtilizationShapePoint>();
            if (strategy.Mapping("requestedToCapacityRatio") is { } ratio)
            {
                var previous = -1;
                foreach (var point in ratio.Mappings("shape"))
                {
                    var utilization = point.Int("utilization") ?? 0;
                    var score = point.Int("score") ?? 0;
                    if (utilization is < 0 or > 100)
                    {
                        point.Error(point.Field("utilization"), utilization, "not in valid range [0, 100]");
                    }
                    else if (utilization <= previous)
                    {
                        point.Error(point.Field("utilization"), utilization, "utilization values must be sorted in increasing order");
                    }

                    if (score is < 0 or > 10)
                    {
                        point.Error(point.Field("score"), score, "not in valid range [0, 10]");
                    }

                    previous = utilization;
                    shape.Add(new UtilizationShapePoint(utilization, score));
                    point.RejectUnknown();
                }

                ratio.RejectUnknown();
            }

            if (type == ScoringStrategy.RequestedToCapacityRatio && shape.Count == 0)
            {
                strategy.Error(strategy.Field("requestedToCapacityRatio.shape"), "[]", "Required value: at least one point");
            }

            result = result with
            {
                ScoringStrategy = new ScoringStrategy
                {
                    Type = type,
                    Resources = ParseResources(strategy, "resources") ?? ScoringStrategy.DefaultResources,
                    Shape = shape,
                },
            };
            strategy.RejectUnknown();
        }

        args.RejectUnknown();
        return result;
    }

    private static List<ResourceSpec>? ParseResources(ConfigFields fields, string name)
    {
        List<ResourceSpec>? resources = null;
        foreach (var item in fields.Mappings(name))
        {
            var resource = item.String("name") ?? "";
            var weight = item.Int("weight") ?? 1;
            if (resource.Length == 0)
            {
                item.Error(item.Field("name"), resource, "Required value");
            }

            if (weight is < 1 or > 100)
            {
                item.Error(item.Field("weight"), weight, $"resource weight of {resource} not in valid range [1, 100]");
            }

            (resources ??= []).Add(new ResourceSpec(resource, weight));
            item.RejectUnknown();
        }

        return resources;
    }

    private static PodTopologySpreadArgs ParseSpreadArgs(ConfigFields args)
    {
        var type = args.String("defaultingType") ?? PodTopologySpreadArgs.System;
        if (type is not (PodTopologySpreadArgs.System or PodTopologySpreadArgs.List))
        {
            args.Error(args.Field("defaultingType"), type, "Unsupported value; supported values: \"List\", \"System\"");
        }

        var constraints = new List<DefaultSpreadConstraint>();
        var seen = new HashSet<(string, string)>();
        foreach (var item in args.Mappings("defaultConstraints"))
        {
            var maxSkew = item.Int("maxSkew") ?? 0;
            var key = item.String("topologyKey") ?? "";
            var when = item.String("whenUnsatisfiable") ?? "";
            if (maxSkew <= 0)
            {
                item.Error(item.Field("maxSkew"), maxSkew, "not in valid range (0, inf)");
            }

            if (key.Length == 0)
            {
                item.Error(item.Field("topologyKey"), key, "Required value: can not be empty");
            }

            if (when is not ("DoNotSchedule" or "ScheduleAnyway"))
            {
                item.Error(item.Field("whenUnsatisfiable"), when, "Unsupported value; supported values: \"DoNotSchedule\", \"ScheduleAnyway\"");
            }

            if (!seen.Add((key, when)))
            {
                item.Error(item.Field("topologyKey"), key, "Duplicate value: {" + key + ", " + when + "}");
            }

            if (item.Get("labelSelector") is not null)
            {
                item.Error(item.Field("labelSelector"), "<selector>", "constraint must not define a selector, as they deduced for each pod");
            }

            constraints.Add(new DefaultSpreadConstraint(maxSkew, key, when));
            item.RejectUnknown();
        }

        if (type == PodTopologySpreadArgs.System && constraints.Count > 0)
        {
            args.Error(args.Field("defaultConstraints"), constraints.Count + " constraint(s)", "when .defaultingType=\"System\", .defaultConstraints must be empty");
        }

        args.RejectUnknown();
        return new PodTopologySpreadArgs { DefaultingType = type, DefaultConstraints = constraints };
    }

    private static InterPodAffinityArgs ParseAffinityArgs(ConfigFields args)
    {
        var result = new InterPodAffinityArgs();
        if (args.Int("hardPodAffinityWeight") is { } weight)
        {
            if (weight is < 0 or > 100)
            {
                args.Error(args.Field("hardPodAffinityWeight"), weight, "not in valid range [0, 100]");
            }

            result = result with { HardPodAffinityWeight = weight };
        }

        if (args.Bool("ignorePreferredTermsOfExistingPods") is { } ignore)
        {
            result = result with { IgnorePreferredTermsOfExistingPods = ignore };
        }

        args.RejectUnknown();
        return result;
    }

    private static DefaultPreemptionArgs ParsePreemptionArgs(ConfigFields args)
    {
        var result = new DefaultPreemptionArgs();
        if (args.Int("minCandidateNodesPercentage") is { } percentage)
        {
            if (percentage is < 0 or > 100)
            {
                args.Error(args.Field("minCandidateNodesPercentage"), percentage, "not in valid range [0, 100]");
            }

            result = result with { MinCandidateNodesPercentage = percentage };
        }

        if (args.Int("minCandidateNodesAbsolute") is { } absolute)
        {
            if (absolute < 0)
            {
                args.Error(args.Field("minCandidateNodesAbsolute"), absolute, "not in valid range [0, inf)");
            }

            result = result with { MinCandidateNodesAbsolute = absolute };
        }

        if (result.MinCandidateNodesPercentage == 0 && result.MinCandidateNodesAbsolute == 0)
        {
            args.Error(args.Field("minCandidateNodesAbsolute"), 0, "cannot be zero at the same time as minCandidateNodesPercentage");
        }

        args.RejectUnknown();
        return result;
    }
}
