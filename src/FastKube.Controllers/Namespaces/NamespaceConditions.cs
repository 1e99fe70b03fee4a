using System.Globalization;
using FastKube.Api.Core;

namespace FastKube.Controllers.Namespaces;

/// <summary>What one pass over a terminating namespace found: kinds whose deletion failed, what is left, and the finalizers holding it.</summary>
internal sealed record ContentReport(IReadOnlyList<string> FailedResources, IReadOnlyDictionary<string, int> Remaining, IReadOnlyDictionary<string, int> Finalizers)
{
    public bool Done => FailedResources.Count == 0 && Remaining.Count == 0;
}

/// <summary>
/// The conditions a terminating namespace reports, with upstream's types, reasons and message shapes
/// (pkg/controller/namespace/deletion): discovery and group-version parsing (always fine here: the served kinds
/// are compiled in), content deletion failures, content remaining, and finalizers remaining. A condition keeps
/// its lastTransitionTime while its status stays the same.
/// </summary>
internal static class NamespaceConditions
{
    public const string DiscoveryFailure = "NamespaceDeletionDiscoveryFailure";
    public const string GroupVersionParsingFailure = "NamespaceDeletionGroupVersionParsingFailure";
    public const string ContentFailure = "NamespaceDeletionContentFailure";
    public const string ContentRemaining = "NamespaceContentRemaining";
    public const string FinalizersRemaining = "NamespaceFinalizersRemaining";

    public static List<NamespaceCondition> Build(ContentReport report, IReadOnlyList<NamespaceCondition>? previous, DateTimeOffset now)
    {
        var failed = report.FailedResources.Order(StringComparer.Ordinal).ToList();
        List<NamespaceCondition> next =
        [
            New(DiscoveryFailure, false, "ResourcesDiscovered", "All resources successfully discovered"),
            New(GroupVersionParsingFailure, false, "ParsedGroupVersions", "All legacy kube types successfully parsed"),
            failed.Count == 0
                ? New(ContentFailure, false, "ContentDeleted", "All content successfully deleted, may be waiting on finalization")
                : New(ContentFailure, true, "ContentDeletionFailed", $"Failed to delete all resource types, {failed.Count} remaining: {string.Join(", ", failed)}"),
            report.Remaining.Count == 0
                ? New(ContentRemaining, false, "ContentRemoved", "All content successfully removed")
                : New(ContentRemaining, true, "SomeResourcesRemain", "Some resources are remaining: " + Describe(report.Remaining, "{0} has {1} resource instances")),
            report.Finalizers.Count == 0
                ? New(FinalizersRemaining, false, "ContentHasNoFinalizers", "All content-preserving finalizers finished")
                : New(FinalizersRemaining, true, "SomeFinalizersRemain", "Some content in the namespace has finalizers remaining: " + Describe(report.Finalizers, "{0} in {1} resource instances")),
        ];
        foreach (var condition in next)
        {
            var before = previous?.FirstOrDefault(c => c.Type == condition.Type);
            condition.LastTransitionTime = before is not null && before.Status == condition.Status ? before.LastTransitionTime : now;
        }

        return next;
    }

    /// <summary>Whether two condition lists say the same (times aside from transitions are equal by construction).</summary>
    public static bool Same(IReadOnlyList<NamespaceCondition>? a, IReadOnlyList<NamespaceCondition> b) =>
        a is not null && a.Count == b.Count && a.Zip(b).All(p => p.First.Type == p.Second.Type && p.First.Status == p.Second.Status
            && p.First.Reason == p.Second.Reason && p.First.Message == p.Second.Message && p.First.LastTransitionTime == p.Second.LastTransitionTime);

    /// <summary>Upstream names a resource as group-resource ("pods." for the core group, "replicasets.apps").</summary>
    public static string GroupResource(string group, string resource) => resource + "." + group;

    private static string Describe(IReadOnlyDictionary<string, int> counts, string format) =>
        string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Format(CultureInfo.InvariantCulture, format, p.Key, p.Value)));

    private static NamespaceCondition New(string type, bool status, string reason, string message) =>
        new() { Type = type, Status = status ? "True" : "False", Reason = reason, Message = message };
}
