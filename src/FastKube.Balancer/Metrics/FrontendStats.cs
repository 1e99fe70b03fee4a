namespace FastKube.Balancer.Metrics;

/// <summary>One frontend's counters at a moment; <c>Rejected</c> counts connections or flows refused at the cap.</summary>
public readonly record struct FrontendStats(string Name, long ActiveConnections, long Accepted, long Rejected);
