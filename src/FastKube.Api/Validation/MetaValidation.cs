using System.Globalization;
using FastKube.Api.Meta;

namespace FastKube.Api.Validation;

/// <summary>The per-kind rule for metadata.name; <c>prefix</c> is true for generateName.</summary>
public delegate IReadOnlyList<string> NameValidator(string name, bool prefix);

/// <summary>
/// ObjectMeta and label-selector validation as in upstream's apimachinery pkg/api/validation
/// (objectmeta.go) and pkg/apis/meta/v1/validation, with the same fields and messages.
/// </summary>
public static class MetaValidation
{
    /// <summary>Upstream's TotalAnnotationSizeLimitB: keys plus values of one object, in bytes.</summary>
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    public static readonly NameValidator DnsSubdomain = static (name, prefix) => NameRules.IsDNS1123Subdomain(prefix ? MaskTrailingDash(name) : name);
    public static readonly NameValidator DnsLabel = static (name, prefix) => NameRules.IsDNS1123Label(prefix ? MaskTrailingDash(name) : name);
    public static readonly NameValidator Dns1035Label = static (name, prefix) => NameRules.IsDNS1035Label(prefix ? MaskTrailingDash(name) : name);

    private static readonly FieldPath Metadata = FieldPath.Root("metadata");

    // A generateName may end in '-' (the random suffix follows), so upstream swaps a trailing dash
    // for a letter before checking it.
    private static string MaskTrailingDash(string name) =>
        name.Length > 1 && name[^1] == '-' ? string.Concat(name.AsSpan(0, name.Length - 2), "a") : name;

    public static void ValidateObjectMeta(ObjectMeta? meta, bool requiresNamespace, NameValidator nameFn, FieldErrorList errs) =>
        ValidateObjectMeta(meta, requiresNamespace, nameFn, Metadata, errs);

    public static void ValidateObjectMeta(ObjectMeta? meta, bool requiresNamespace, NameValidator nameFn, FieldPath path, FieldErrorList errs)
    {
        meta ??= new ObjectMeta();
        if (!string.IsNullOrEmpty(meta.GenerateName))
        {
            errs.InvalidEach(path.Child("generateName"), meta.GenerateName, nameFn(meta.GenerateName, true));
        }

        if (string.IsNullOrEmpty(meta.Name))
        {
            errs.Required(path.Child("name"), "name or generateName is required");
        }
        else
        {
            errs.InvalidEach(path.Child("name"), meta.Name, nameFn(meta.Name, false));
        }

        if (requiresNamespace)
        {
            if (string.IsNullOrEmpty(meta.Namespace))
            {
                errs.Required(path.Child("namespace"));
            }
            else
            {
                errs.InvalidEach(path.Child("namespace"), meta.Namespace, NameRules.IsDNS1123Label(meta.Namespace));
            }
        }
        else if (!string.IsNullOrEmpty(meta.Namespace))
        {
            errs.Forbidden(path.Child("namespace"), "not allowed on this type");
        }

        if (meta.Generation is < 0)
        {
            errs.Invalid(path.Child("generation"), meta.Generation.Value, NameRules.IsNegativeErrorMsg);
        }

        ValidateLabels(meta.Labels, path.Child("labels"), errs);
        ValidateAnnotations(meta.Annotations, path.Child("annotations"), errs);
        ValidateOwnerReferences(meta.OwnerReferences, path.Child("ownerReferences"), errs);
        ValidateFinalizers(meta.Finalizers, path.Child("finalizers"), errs);
    }

    /// <summary>Upstream's ValidateObjectMetaUpdate: identity fields never change after create.</summary>
    public static void ValidateObjectMetaUpdate(ObjectMeta? next, ObjectMeta? old, FieldErrorList errs)
    {
        ValidateIdentityUnchanged(next, old, errs);
        next ??= new ObjectMeta();
        if (next.Generation is < 0)
        {
            errs.Invalid(Metadata.Child("generation"), next.Generation.Value, NameRules.IsNegativeErrorMsg);
        }

        ValidateLabels(next.Labels, Metadata.Child("labels"), errs);
        ValidateAnnotations(next.Annotations, Metadata.Child("annotations"), errs);
        ValidateOwnerReferences(next.OwnerReferences, Metadata.Child("ownerReferences"), errs);
        ValidateFinalizers(next.Finalizers, Metadata.Child("finalizers"), errs);
    }

    /// <summary>name, namespace, uid and creationTimestamp are fixed once the object exists.</summary>
    public static void ValidateIdentityUnchanged(ObjectMeta? next, ObjectMeta? old, FieldErrorList errs)
    {
        next ??= new ObjectMeta();
        old ??= new ObjectMeta();
        Immutable(next.Name, old.Name, Metadata.Child("name"), errs);
        Immutable(next.Namespace, old.Namespace, Metadata.Child("namespace"), errs);
        Immutable(next.Uid, old.Uid, Metadata.Child("uid"), errs);
        if (next.CreationTimestamp != old.CreationTimestamp)
        {
            errs.Invalid(Metadata.Child("creationTimestamp"), next.CreationTimestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), NameRules.FieldImmutableErrorMsg);
        }
    }

    internal static void Immutable(string? next, string? old, FieldPath path, FieldErrorList errs)
    {
        if (!string.Equals(next ?? "", old ?? "", StringComparison.Ordinal))
        {
            errs.Invalid(path, next ?? "", NameRules.FieldImmutableErrorMsg);
        }
    }

    /// <summary>Upstream reports label problems on the map's path, not on the key.</summary>
    public static void ValidateLabels(Dictionary<string, string>? labels, FieldPath path, FieldErrorList errs)
    {
        if (labels is null)
        {
            return;
        }

        foreach (var (key, value) in labels)
        {
            errs.InvalidEach(path, key, NameRules.IsQualifiedName(key));
            errs.InvalidEach(path, value, NameRules.IsValidLabelValue(value ?? ""));
        }
    }

    public static void ValidateAnnotations(Dictionary<string, string>? annotations, FieldPath path, FieldErrorList errs)
    {
        if (annotations is null)
        {
            return;
        }

        long size = 0;
        foreach (var (key, value) in annotations)
        {
            // Annotation keys are qualified names in which case does not matter.
            var lowered = key.AsSpan().ContainsAnyInRange('A', 'Z') ? key.ToLowerInvariant() : key;
            errs.InvalidEach(path, key, NameRules.IsQualifiedName(lowered));
            size += System.Text.Encoding.UTF8.GetByteCount(key) + System.Text.Encoding.UTF8.GetByteCount(value ?? "");
        }

        if (size > TotalAnnotationSizeLimitBytes)
        {
            errs.TooLong(path, "", TotalAnnotationSizeLimitBytes);
        }
    }

    public static void ValidateOwnerReferences(List<OwnerReference>? refs, FieldPath path, FieldErrorList errs)
    {
        if (refs is null)
        {
            return;
        }

        string? controller = null;
        foreach (var r in refs)
        {
            var apiVersion = r.ApiVersion ?? "";
            var version = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : apiVersion;
            if (version.Length == 0)
            {
                errs.Invalid(path.Child("apiVersion"), apiVersion, "version must not be empty");
            }

            if (string.IsNullOrEmpty(r.Kind))
            {
                errs.Invalid(path.Child("kind"), r.Kind ?? "", "kind must not be empty");
            }

            if (string.IsNullOrEmpty(r.Name))
            {
                errs.Invalid(path.Child("name"), r.Name ?? "", "name must not be empty");
            }

            if (string.IsNullOrEmpty(r.Uid))
            {
                errs.Invalid(path.Child("uid"), r.Uid ?? "", "uid must not be empty");
            }

            // Upstream bans core/v1 Events as owners (they are deleted by TTL, not GC).
            if (apiVersion == "v1" && r.Kind == "Event")
            {
                errs.Invalid(path, "Event/" + r.Name, "/v1, Kind=Event is disallowed from being an owner");
            }

            if (r.Controller == true)
            {
                var current = r.Kind + "/" + r.Name;
                if (controller is not null)
                {
                    errs.Invalid(path, current, "Only one reference can have Controller set to true. Found \"true\" in references for " + controller + " and " + current);
                }
                else
                {
                    controller = current;
                }
            }
        }
    }

    public static void ValidateFinalizers(List<string>? finalizers, FieldPath path, FieldErrorList errs)
    {
        if (finalizers is null)
        {
            return;
        }

        var orphan = false;
        var foreground = false;
        foreach (var f in finalizers)
        {
            errs.InvalidEach(path, f, NameRules.IsQualifiedName(f ?? ""));
            orphan |= f == "orphan";
            foreground |= f == "foregroundDeletion";
        }

        if (orphan && foreground)
        {
            errs.Invalid(path, finalizers, "finalizer orphan and foregroundDeletion cannot be both set");
        }
    }

    /// <summary>metav1 ValidateLabelSelector (invalid label values in selectors are rejected).</summary>
    public static void ValidateLabelSelector(LabelSelector? selector, FieldPath path, FieldErrorList errs)
    {
        if (selector is null)
        {
            return;
        }

        ValidateLabels(selector.MatchLabels, path.Child("matchLabels"), errs);
        if (selector.MatchExpressions is null)
        {
            return;
        }

        for (var i = 0; i < selector.MatchExpressions.Count; i++)
        {
            var req = selector.MatchExpressions[i];
            var p = path.Child("matchExpressions").Index(i);
            var count = req.Values?.Count ?? 0;
            switch (req.Operator)
            {
                case "In" or "NotIn":
                    if (count == 0)
                    {
                        errs.Required(p.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                    }

                    break;
                case "Exists" or "DoesNotExist":
                    if (count > 0)
                    {
                        errs.Forbidden(p.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    }

                    break;
                default:
                    errs.Invalid(p.Child("operator"), req.Operator ?? "", "not a valid selector operator");
                    break;
            }

            errs.InvalidEach(p.Child("key"), req.Key ?? "", NameRules.IsQualifiedName(req.Key ?? ""));
            for (var v = 0; v < count; v++)
            {
                var value = req.Values![v] ?? "";
                errs.InvalidEach(p.Child("values").Index(v), value, NameRules.IsValidLabelValue(value));
            }
        }
    }

    /// <summary>True when the selector has no terms (it would match every object).</summary>
    public static bool IsEmpty(LabelSelector selector) =>
        (selector.MatchLabels?.Count ?? 0) + (selector.MatchExpressions?.Count ?? 0) == 0;

    /// <summary>metav1 LabelSelectorAsSelector(...).Matches(labels) for a valid selector.</summary>
    public static bool Matches(LabelSelector selector, Dictionary<string, string>? labels)
    {
        if (selector.MatchLabels is not null)
        {
            foreach (var (key, value) in selector.MatchLabels)
            {
                if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
                {
                    return false;
                }
            }
        }

        if (selector.MatchExpressions is null)
        {
            return true;
        }

        foreach (var req in selector.MatchExpressions)
        {
            string? actual = null;
            var has = req.Key is not null && labels is not null && labels.TryGetValue(req.Key, out actual);
            var inValues = has && req.Values is not null && req.Values.Contains(actual!);
            var ok = req.Operator switch
            {
                "In" => inValues,
                "NotIn" => !inValues,
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
