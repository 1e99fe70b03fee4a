using System.Text;
using System.Text.Json;
using FastKube.Api.Core;

namespace FastKube.Api.Validation;

/// <summary>ConfigMap and Secret validation after upstream's ValidateConfigMap and ValidateSecret.</summary>
internal static class ConfigValidation
{
    /// <summary>Upstream's MaxSecretSize, which also bounds ConfigMaps: 1 MiB of values.</summary>
    public const int MaxDataSize = 1024 * 1024;

    private const string ImmutableMessage = "field is immutable when `immutable` is set";
    private static readonly FieldPath Data = FieldPath.Root("data");

    public static void ValidateConfigMap(ConfigMap cm, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(cm.Metadata, true, MetaValidation.DnsSubdomain, errs);
        long total = 0;
        if (cm.Data is not null)
        {
            foreach (var (key, value) in cm.Data)
            {
                errs.InvalidEach(Data.Key(key), key, NameRules.IsConfigMapKey(key));
                if (cm.BinaryData is not null && cm.BinaryData.ContainsKey(key))
                {
                    errs.Invalid(Data.Key(key), key, "duplicate of key present in binaryData");
                }

                total += Encoding.UTF8.GetByteCount(value ?? "");
            }
        }

        if (cm.BinaryData is not null)
        {
            var binary = FieldPath.Root("binaryData");
            foreach (var (key, value) in cm.BinaryData)
            {
                errs.InvalidEach(binary.Key(key), key, NameRules.IsConfigMapKey(key));
                total += value?.Length ?? 0;
            }
        }

        if (total > MaxDataSize)
        {
            // Upstream reports the whole object with an empty path.
            errs.TooLong(FieldPath.Root(""), "", MaxDataSize);
        }
    }

    /// <summary>
    /// stringData is merged into data before upstream validates (the v1 conversion does it), so
    /// its keys count as data keys here.
    /// </summary>
    public static void ValidateSecret(Secret secret, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(secret.Metadata, true, MetaValidation.DnsSubdomain, errs);
        long total = 0;
        if (secret.Data is not null)
        {
            foreach (var (key, value) in secret.Data)
            {
                errs.InvalidEach(Data.Key(key), key, NameRules.IsConfigMapKey(key));
                total += value?.Length ?? 0;
            }
        }

        if (secret.StringData is not null)
        {
            foreach (var (key, value) in secret.StringData)
            {
                if (secret.Data is null || !secret.Data.ContainsKey(key))
                {
                    errs.InvalidEach(Data.Key(key), key, NameRules.IsConfigMapKey(key));
                }

                total += Encoding.UTF8.GetByteCount(value ?? "");
            }
        }

        if (total > MaxDataSize)
        {
            errs.TooLong(Data, "", MaxDataSize);
        }

        switch (secret.Type)
        {
            case "kubernetes.io/service-account-token":
                if (secret.Metadata?.Annotations?.GetValueOrDefault("kubernetes.io/service-account.name") is not { Length: > 0 })
                {
                    errs.Required(FieldPath.Root("metadata").Child("annotations").Key("kubernetes.io/service-account.name"));
                }

                break;
            case "kubernetes.io/dockercfg":
                RequireJson(secret, ".dockercfg", errs);
                break;
            case "kubernetes.io/dockerconfigjson":
                RequireJson(secret, ".dockerconfigjson", errs);
                break;
            case "kubernetes.io/basic-auth":
                if (!Has(secret, "username") && !Has(secret, "password"))
                {
                    errs.Required(Data.Key("username"));
                    errs.Required(Data.Key("password"));
                }

                break;
            case "kubernetes.io/ssh-auth":
                if (Value(secret, "ssh-privatekey") is not { Length: > 0 })
                {
                    errs.Required(Data.Key("ssh-privatekey"));
                }

                break;
            case "kubernetes.io/tls":
                if (!Has(secret, "tls.crt"))
                {
                    errs.Required(Data.Key("tls.crt"));
                }

                if (!Has(secret, "tls.key"))
                {
                    errs.Required(Data.Key("tls.key"));
                }

                break;
        }
    }

    private static bool Has(Secret secret, string key) =>
        (secret.Data?.ContainsKey(key) ?? false) || (secret.StringData?.ContainsKey(key) ?? false);

    private static byte[]? Value(Secret secret, string key) =>
        secret.StringData?.TryGetValue(key, out var text) == true ? Encoding.UTF8.GetBytes(text ?? "")
        : secret.Data?.GetValueOrDefault(key);

    private static void RequireJson(Secret secret, string key, FieldErrorList errs)
    {
        if (!Has(secret, key))
        {
            errs.Required(Data.Key(key));
            return;
        }

        try
        {
            using var doc = JsonDocument.Parse(Value(secret, key) ?? []);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                errs.Invalid(Data.Key(key), "<secret contents redacted>", "json: cannot unmarshal into Go value of type map[string]interface {}");
            }
        }
        catch (JsonException e)
        {
            errs.Invalid(Data.Key(key), "<secret contents redacted>", e.Message);
        }
    }

    public static void ValidateConfigMapUpdate(ConfigMap next, ConfigMap old, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMetaUpdate(next.Metadata, old.Metadata, errs);
        if (old.Immutable == true)
        {
            if (next.Immutable != true)
            {
                errs.Forbidden(FieldPath.Root("immutable"), ImmutableMessage);
            }

            if (!SameMap(next.Data, old.Data, string.Equals))
            {
                errs.Forbidden(Data, ImmutableMessage);
            }

            if (!SameMap(next.BinaryData, old.BinaryData, static (a, b) => a.AsSpan().SequenceEqual(b)))
            {
                errs.Forbidden(FieldPath.Root("binaryData"), ImmutableMessage);
            }
        }

        ValidateConfigMap(next, errs);
    }

    public static void ValidateSecretUpdate(Secret next, Secret old, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMetaUpdate(next.Metadata, old.Metadata, errs);
        if (old.Immutable == true)
        {
            if (next.Immutable != true)
            {
                errs.Forbidden(FieldPath.Root("immutable"), ImmutableMessage);
            }

            if (!SameMap(next.Data, old.Data, static (a, b) => a.AsSpan().SequenceEqual(b)) || next.StringData is { Count: > 0 })
            {
                errs.Forbidden(Data, ImmutableMessage);
            }
        }

        MetaValidation.Immutable(next.Type, old.Type, FieldPath.Root("type"), errs);
        ValidateSecret(next, errs);
    }

    private static bool SameMap<T>(Dictionary<string, T>? a, Dictionary<string, T>? b, Func<T, T, bool> equal)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        if (a is null || b is null)
        {
            return true;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !equal(value, other))
            {
                return false;
            }
        }

        return true;
    }
}
