using System.Text;
using FastKube.Api.Core;
using FastKube.Api.Validation;
using KeyValue = FastKube.Cri.V1.KeyValue;
using Google.Protobuf;

namespace FastKube.NodeAgent.Containers;

/// <summary>
/// Resolves a container's environment as upstream's kubelet makeEnvironmentVariables does: envFrom
/// sources first (prefix applied, keys that are not valid variable names skipped with a warning), then
/// env in order, literal values expanded against the variables defined so far. A later definition of a
/// name replaces the earlier value in place. Service links (enableServiceLinks) are not injected.
/// </summary>
internal sealed class EnvBuilder(IPodResourceSource resources)
{
    public async ValueTask<EnvResult> BuildAsync(Pod pod, Container container, DownwardApiContext context, CancellationToken cancellationToken)
    {
        string ns = pod.Metadata?.Namespace ?? "";
        var env = new OrderedEnv();
        List<string>? warnings = null;
        // One object per name for the whole container, as upstream's per-call maps.
        Dictionary<string, ConfigMap?>? configMaps = null;
        Dictionary<string, Secret?>? secrets = null;

        foreach (var source in container.EnvFrom ?? [])
        {
            string prefix = source.Prefix ?? "";
            if (source.ConfigMapRef is { } cmRef)
            {
                string name = cmRef.Name ?? "";
                var configMap = await GetConfigMapAsync(ns, name, configMaps ??= [], cancellationToken).ConfigureAwait(false);
                if (configMap is null)
                {
                    if (cmRef.Optional == true)
                    {
                        continue;
                    }

                    return EnvResult.Failed($"configmap \"{name}\" not found", Warnings(warnings));
                }

                var invalid = AddAll(env, prefix, configMap.Data?.Select(kv => (kv.Key, kv.Value)));
                AddInvalidKeysWarning(ref warnings, invalid, "configMap", ns, name);
            }
            else if (source.SecretRef is { } secretRef)
            {
                string name = secretRef.Name ?? "";
                var secret = await GetSecretAsync(ns, name, secrets ??= [], cancellationToken).ConfigureAwait(false);
                if (secret is null)
                {
                    if (secretRef.Optional == true)
                    {
                        continue;
                    }

                    return EnvResult.Failed($"secret \"{name}\" not found", Warnings(warnings));
                }

                var invalid = AddAll(env, prefix, secret.Data?.Select(kv => (kv.Key, Encoding.UTF8.GetString(kv.Value))));
                AddInvalidKeysWarning(ref warnings, invalid, "secret", ns, name);
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            string name = variable.Name ?? "";
            string value = variable.Value ?? "";
            if (value.Length > 0)
            {
                value = EnvExpansion.Expand(value, env.Find);
            }
            else if (variable.ValueFrom is { } from)
            {
                if (from.FieldRef is { } fieldRef)
                {
                    if (!DownwardApiValues.TryGetField(pod, context, fieldRef.FieldPath ?? "", out value, out string? error))
                    {
                        return EnvResult.Failed(error!, Warnings(warnings));
                    }
                }
                else if (from.ResourceFieldRef is { } resourceRef)
                {
                    var target = string.IsNullOrEmpty(resourceRef.ContainerName) ? container : DownwardApiValues.FindContainer(pod, resourceRef.ContainerName);
                    if (target is null)
                    {
                        return EnvResult.Failed($"container {resourceRef.ContainerName} not found", Warnings(warnings));
                    }

                    if (!DownwardApiValues.TryGetResource(target, resourceRef, context, out value, out string? error))
                    {
                        return EnvResult.Failed(error!, Warnings(warnings));
                    }
                }
                else if (from.ConfigMapKeyRef is { } cmKey)
                {
                    string cmName = cmKey.Name ?? "", key = cmKey.Key ?? "";
                    bool optional = cmKey.Optional == true;
                    var configMap = await GetConfigMapAsync(ns, cmName, configMaps ??= [], cancellationToken).ConfigureAwait(false);
                    if (configMap is null)
                    {
                        if (optional)
                        {
                            continue;
                        }

                        return EnvResult.Failed($"configmap \"{cmName}\" not found", Warnings(warnings));
                    }

                    if (configMap.Data is null || !configMap.Data.TryGetValue(key, out string? found))
                    {
                        if (optional)
                        {
                            continue;
                        }

                        return EnvResult.Failed($"couldn't find key {key} in ConfigMap {ns}/{cmName}", Warnings(warnings));
                    }

                    value = found;
                }
                else if (from.SecretKeyRef is { } secretKey)
                {
                    string secretName = secretKey.Name ?? "", key = secretKey.Key ?? "";
                    bool optional = secretKey.Optional == true;
                    var secret = await GetSecretAsync(ns, secretName, secrets ??= [], cancellationToken).ConfigureAwait(false);
                    if (secret is null)
                    {
                        if (optional)
                        {
                            continue;
                        }

                        return EnvResult.Failed($"secret \"{secretName}\" not found", Warnings(warnings));
                    }

                    if (secret.Data is null || !secret.Data.TryGetValue(key, out byte[]? bytes))
                    {
                        if (optional)
                        {
                            continue;
                        }

                        return EnvResult.Failed($"couldn't find key {key} in Secret {ns}/{secretName}", Warnings(warnings));
                    }

                    value = Encoding.UTF8.GetString(bytes);
                }
            }

            env.Set(name, value);
        }

        return new EnvResult(env.ToKeyValues(), null, Warnings(warnings));
    }

    private static IReadOnlyList<string> Warnings(List<string>? warnings) => (IReadOnlyList<string>?)warnings ?? [];

    private static List<string>? AddAll(OrderedEnv env, string prefix, IEnumerable<(string Key, string Value)>? entries)
    {
        if (entries is null)
        {
            return null;
        }

        List<string>? invalid = null;
        // Sorted so the resulting order does not depend on the object's map order.
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            string name = prefix + key;
            if (NameRules.IsEnvVarName(name).Count > 0)
            {
                (invalid ??= []).Add(name);
                continue;
            }

            env.Set(name, value);
        }

        return invalid;
    }

    private static void AddInvalidKeysWarning(ref List<string>? warnings, List<string>? invalid, string kind, string ns, string name)
    {
        if (invalid is null)
        {
            return;
        }

        (warnings ??= []).Add($"Keys [{string.Join(", ", invalid)}] from the EnvFrom {kind} {ns}/{name} were skipped since they are considered invalid environment variable names.");
    }

    private async ValueTask<ConfigMap?> GetConfigMapAsync(string ns, string name, Dictionary<string, ConfigMap?> seen, CancellationToken cancellationToken)
    {
        if (!seen.TryGetValue(name, out var configMap))
        {
            configMap = await resources.GetConfigMapAsync(ns, name, cancellationToken).ConfigureAwait(false);
            seen[name] = configMap;
        }

        return configMap;
    }

    private async ValueTask<Secret?> GetSecretAsync(string ns, string name, Dictionary<string, Secret?> seen, CancellationToken cancellationToken)
    {
        if (!seen.TryGetValue(name, out var secret))
        {
            secret = await resources.GetSecretAsync(ns, name, cancellationToken).ConfigureAwait(false);
            seen[name] = secret;
        }

        return secret;
    }

    private sealed class OrderedEnv
    {
        private readonly List<KeyValuePair<string, string>> _entries = [];
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public string? Find(string name) => _index.TryGetValue(name, out int i) ? _entries[i].Value : null;

        public void Set(string name, string value)
        {
            if (_index.TryGetValue(name, out int i))
            {
                _entries[i] = new(name, value);
            }
            else
            {
                _index[name] = _entries.Count;
                _entries.Add(new(name, value));
            }
        }

        public List<KeyValue> ToKeyValues() =>
            _entries.ConvertAll(e => new KeyValue { Key = e.Key, Value = ByteString.CopyFromUtf8(e.Value) });
    }
}
