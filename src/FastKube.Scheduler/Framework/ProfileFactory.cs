using FastKube.Scheduler.Config;
using FastKube.Scheduler.Plugins;
using FastKube.Scheduler.Preemption;

namespace FastKube.Scheduler.Framework;

/// <summary>Builds a runnable <see cref="Profile"/> from its configuration; a plugin serving both points is one instance.</summary>
internal static class ProfileFactory
{
    public static Profile Create(ProfileConfiguration config, SchedulerConfiguration global)
    {
        var instances = new Dictionary<string, IPlugin>(StringComparer.Ordinal);
        IPlugin Get(string name)
        {
            if (!instances.TryGetValue(name, out var plugin))
            {
                plugin = name switch
                {
                    PluginNames.NodeUnschedulable => new NodeUnschedulablePlugin(),
                    PluginNames.NodeName => new NodeNamePlugin(),
                    PluginNames.TaintToleration => new TaintTolerationPlugin(),
                    PluginNames.NodeAffinity => new NodeAffinityPlugin(),
                    PluginNames.NodePorts => new NodePortsPlugin(),
                    PluginNames.NodeResourcesFit => new NodeResourcesFitPlugin(config.NodeResourcesFit),
                    PluginNames.PodTopologySpread => new PodTopologySpreadPlugin(config.PodTopologySpread),
                    PluginNames.InterPodAffinity => new InterPodAffinityPlugin(config.InterPodAffinity),
                    PluginNames.NodeResourcesBalancedAllocation => new BalancedAllocationPlugin(config.BalancedAllocation),
                    PluginNames.ImageLocality => new ImageLocalityPlugin(),
                    _ => throw new ArgumentException($"unknown plugin {name}", nameof(config)),
                };
                instances.Add(name, plugin);
            }

            return plugin;
        }

        var filters = config.Filters.Select(name => (IFilterPlugin)Get(name)).ToArray();
        var scores = config.Scores.Select(s => ((IScorePlugin)Get(s.Name), s.Weight)).ToArray();
        var preemption = config.Preemption ? new DefaultPreemption(config.DefaultPreemption) : null;
        var parallelism = Math.Min(global.Parallelism, Environment.ProcessorCount);
        return new Profile(config.SchedulerName, filters, scores, preemption, config.PercentageOfNodesToScore ?? global.PercentageOfNodesToScore, parallelism);
    }
}
