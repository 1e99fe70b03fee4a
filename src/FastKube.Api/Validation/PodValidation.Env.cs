using FastKube.Api.Core;

namespace FastKube.Api.Validation;

internal static partial class PodValidation
{
    // validEnvDownwardAPIFieldPathExpressions upstream, sorted as its NotSupported lists them;
    // labels and annotations reach env vars only one key at a time (subscripted).
    private static readonly string[] EnvFieldPaths =
    [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ];

    private static readonly string[] VolumeFieldPaths =
    [
        "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
    ];

    private static readonly string[] ResourceFieldPaths =
    [
        "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory",
    ];

    private static void ValidateEnv(List<EnvVar>? env, FieldPath path, FieldErrorList errs)
    {
        if (env is null)
        {
            return;
        }

        for (var i = 0; i < env.Count; i++)
        {
            var ev = env[i];
            var p = path.Index(i);
            var name = ev.Name ?? "";
            if (name.Length == 0)
            {
                errs.Required(p.Child("name"));
            }

            errs.InvalidEach(p.Child("name"), name, NameRules.IsRelaxedEnvVarName(name));
            ValidateEnvValueFrom(ev, p.Child("valueFrom"), errs);
        }
    }

    private static void ValidateEnvValueFrom(EnvVar ev, FieldPath path, FieldErrorList errs)
    {
        if (ev.ValueFrom is not { } from)
        {
            return;
        }

        var sources = 0;
        if (from.FieldRef is { } fieldRef)
        {
            sources++;
            ValidateObjectFieldSelector(fieldRef, EnvFieldPaths, path.Child("fieldRef"), errs);
        }

        if (from.ResourceFieldRef is { } resourceRef)
        {
            sources++;
            ValidateResourceFieldSelector(resourceRef, path.Child("resourceFieldRef"), errs);
        }

        if (from.ConfigMapKeyRef is { } cmRef)
        {
            sources++;
            ValidateKeySelector(cmRef.Name, cmRef.Key, path.Child("configMapKeyRef"), errs);
        }

        if (from.SecretKeyRef is { } secretRef)
        {
            sources++;
            ValidateKeySelector(secretRef.Name, secretRef.Key, path.Child("secretKeyRef"), errs);
        }

        if (sources == 0)
        {
            errs.Invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
        }
        else if (!string.IsNullOrEmpty(ev.Value))
        {
            errs.Invalid(path, "", "may not be specified when `value` is not empty");
        }
        else if (sources > 1)
        {
            errs.Invalid(path, "", "may not have more than one field specified at a time");
        }
    }

    internal static void ValidateObjectFieldSelector(ObjectFieldSelector selector, string[] allowed, FieldPath path, FieldErrorList errs)
    {
        if (string.IsNullOrEmpty(selector.ApiVersion))
        {
            errs.Required(path.Child("apiVersion"));
            return;
        }

        if (string.IsNullOrEmpty(selector.FieldPath))
        {
            errs.Required(path.Child("fieldPath"));
            return;
        }

        // metadata.labels['key'] and metadata.annotations['key'] select a single entry.
        var fieldPath = selector.FieldPath;
        var bracket = fieldPath.IndexOf("['", StringComparison.Ordinal);
        if (bracket > 0 && fieldPath.EndsWith("']", StringComparison.Ordinal))
        {
            var head = fieldPath[..bracket];
            var key = fieldPath[(bracket + 2)..^2];
            switch (head)
            {
                case "metadata.annotations":
                    Checks.QualifiedName(key.ToLowerInvariant(), path, errs);
                    break;
                case "metadata.labels":
                    Checks.QualifiedName(key, path, errs);
                    break;
                default:
                    errs.Invalid(path, head, "does not support subscript");
                    break;
            }

            return;
        }

        if (Array.IndexOf(allowed, fieldPath) < 0)
        {
            errs.NotSupported(path.Child("fieldPath"), fieldPath, allowed);
        }
    }

    internal static void ValidateResourceFieldSelector(ResourceFieldSelector selector, FieldPath path, FieldErrorList errs)
    {
        if (string.IsNullOrEmpty(selector.Resource))
        {
            errs.Required(path.Child("resource"));
        }
        else if (Array.IndexOf(ResourceFieldPaths, selector.Resource) < 0
                 && !selector.Resource.StartsWith("limits.hugepages-", StringComparison.Ordinal)
                 && !selector.Resource.StartsWith("requests.hugepages-", StringComparison.Ordinal))
        {
            errs.NotSupported(path.Child("resource"), selector.Resource, ResourceFieldPaths);
        }
    }

    private static void ValidateKeySelector(string? name, string? key, FieldPath path, FieldErrorList errs)
    {
        errs.InvalidEach(path.Child("name"), name ?? "", NameRules.IsDNS1123Subdomain(name ?? ""));
        if (string.IsNullOrEmpty(key))
        {
            errs.Required(path.Child("key"));
        }
        else
        {
            errs.InvalidEach(path.Child("key"), key, NameRules.IsConfigMapKey(key));
        }
    }

    private static void ValidateEnvFrom(List<EnvFromSource>? envFrom, FieldPath path, FieldErrorList errs)
    {
        if (envFrom is null)
        {
            return;
        }

        for (var i = 0; i < envFrom.Count; i++)
        {
            var source = envFrom[i];
            var p = path.Index(i);
            if (!string.IsNullOrEmpty(source.Prefix))
            {
                errs.InvalidEach(p.Child("prefix"), source.Prefix, NameRules.IsRelaxedEnvVarName(source.Prefix));
            }

            var count = 0;
            if (source.ConfigMapRef is { } cm)
            {
                count++;
                RefName(cm.Name, p.Child("configMapRef").Child("name"), errs);
            }

            if (source.SecretRef is { } secret)
            {
                count++;
                RefName(secret.Name, p.Child("secretRef").Child("name"), errs);
            }

            if (count == 0)
            {
                errs.Invalid(path, "", "must specify one of: `configMapRef` or `secretRef`");
            }
            else if (count > 1)
            {
                errs.Invalid(path, "", "may not have more than one field specified at a time");
            }
        }
    }

    private static void RefName(string? name, FieldPath path, FieldErrorList errs)
    {
        if (string.IsNullOrEmpty(name))
        {
            errs.Required(path);
        }
        else
        {
            Checks.Dns1123Subdomain(name, path, errs);
        }
    }
}
