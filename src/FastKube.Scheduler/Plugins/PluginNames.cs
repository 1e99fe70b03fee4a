namespace FastKube.Scheduler.Plugins;

/// <summary>Upstream's plugin names, as KubeSchedulerConfiguration spells them.</summary>
internal static class PluginNames
{
    public const string PrioritySort = "PrioritySort";
    public const string SchedulingGates = "SchedulingGates";
    public const string NodeUnschedulable = "NodeUnschedulable";
    public const string NodeName = "NodeName";
    public const string TaintToleration = "TaintToleration";
    public const string NodeAffinity = "NodeAffinity";
    public const string NodePorts = "NodePorts";
    public const string NodeResourcesFit = "NodeResourcesFit";
    public const string PodTopologySpread = "PodTopologySpread";
    public const string InterPodAffinity = "InterPodAffinity";
    public const string DefaultPreemption = "DefaultPreemption";
    public const string NodeResourcesBalancedAllocation = "NodeResourcesBalancedAllocation";
    public const string ImageLocality = "ImageLocality";
    public const string DefaultBinder = "DefaultBinder";
}
