using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.NodeAgent.Containers;

namespace FastKube.NodeAgent.Tests.Containers;

/// <summary>An in-memory store of ConfigMaps and Secrets keyed by namespace/name, counting reads.</summary>
internal sealed class FakePodResourceSource : IPodResourceSource
{
    private readonly Dictionary<string, ConfigMap> _configMaps = [];
    private readonly Dictionary<string, Secret> _secrets = [];

    public int Reads { get; private set; }

    public FakePodResourceSource AddConfigMap(string ns, string name, Dictionary<string, string> data)
    {
        _configMaps[ns + "/" + name] = new ConfigMap { Metadata = new ObjectMeta { Namespace = ns, Name = name }, Data = data };
        return this;
    }

    public FakePodResourceSource AddSecret(string ns, string name, Dictionary<string, string> data)
    {
        _secrets[ns + "/" + name] = new Secret
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = name },
            Data = data.ToDictionary(kv => kv.Key, kv => System.Text.Encoding.UTF8.GetBytes(kv.Value)),
        };
        return this;
    }

    public void Remove(string ns, string name)
    {
        _configMaps.Remove(ns + "/" + name);
        _secrets.Remove(ns + "/" + name);
    }

    public ValueTask<ConfigMap?> GetConfigMapAsync(string ns, string name, CancellationToken cancellationToken)
    {
        Reads++;
        return ValueTask.FromResult(_configMaps.GetValueOrDefault(ns + "/" + name));
    }

    public ValueTask<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken)
    {
        Reads++;
        return ValueTask.FromResult(_secrets.GetValueOrDefault(ns + "/" + name));
    }
}
