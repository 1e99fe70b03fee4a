using FastKube.Api.Resource;

namespace FastKube.Api.Validation;

/// <summary>Resource names and quantities, as upstream's validateContainerResourceName and friends.</summary>
internal static class ResourceValidation
{
    private const string HugePagesPrefix = "hugepages-";

    public static bool IsHugePages(string name) => name.StartsWith(HugePagesPrefix, StringComparison.Ordinal);

    /// <summary>Native resources have no domain or the kubernetes.io domain.</summary>
    public static bool IsNative(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 || name.AsSpan(0, slash).EndsWith("kubernetes.io", StringComparison.Ordinal);
    }

    /// <summary>Only native, non-hugepage resources may request less than their limit.</summary>
    public static bool IsOvercommitAllowed(string name) => IsNative(name) && !IsHugePages(name);

    public static void ValidateContainerResourceName(string name, FieldPath path, FieldErrorList errs)
    {
        var before = errs.Count;
        errs.InvalidEach(path, name, NameRules.IsQualifiedName(name));
        if (errs.Count != before)
        {
            return;
        }

        if (!name.Contains('/', StringComparison.Ordinal))
        {
            if (name is not ("cpu" or "memory" or "ephemeral-storage") && !IsHugePages(name))
            {
                errs.Invalid(path, name, IsStandardResourceName(name)
                    ? "must be a standard resource for containers"
                    : "must be a standard resource type or fully qualified");
            }
        }
        else if (!IsNative(name) && (name.StartsWith("requests.", StringComparison.Ordinal) || NameRules.IsQualifiedName("requests." + name).Count != 0))
        {
            errs.Invalid(path, name, "doesn't follow extended resource name standard");
        }
    }

    // Upstream's standardResources set, the single-word names it knows for any purpose.
    private static bool IsStandardResourceName(string name) => name is "cpu" or "memory" or "ephemeral-storage"
        or "requests.cpu" or "requests.memory" or "requests.ephemeral-storage" or "limits.cpu" or "limits.memory"
        or "limits.ephemeral-storage" or "pods" or "services" or "replicationcontrollers" or "resourcequotas"
        or "secrets" or "configmaps" or "persistentvolumeclaims" or "storage" or "requests.storage"
        or "services.nodeports" or "services.loadbalancers" || name.StartsWith(HugePagesPrefix, StringComparison.Ordinal);

    public static void ValidateQuantityValue(string name, Quantity quantity, FieldPath path, FieldErrorList errs)
    {
        if (quantity.Sign < 0)
        {
            errs.Invalid(path, quantity.ToString(), NameRules.IsNegativeErrorMsg);
        }

        // Extended resources are counted devices: no fractions.
        if (!IsNative(name) && quantity.MilliValue() % 1000 != 0)
        {
            errs.Invalid(path, quantity, "must be an integer");
        }
    }
}
