using System.Collections.Concurrent;
using FastKube.Api.Meta;
using FastKube.Client.Informers;

namespace FastKube.Client.Tests.Informers;

/// <summary>A handler that records what it was told, as "add a", "initial a", "update a", "delete a", "tombstone a".</summary>
internal sealed class Recorder<T> : IResourceEventHandler<T>
    where T : KubeObject
{
    public ConcurrentQueue<string> Events { get; } = new();

    public bool Saw(string e) => Events.Contains(e);

    public void OnAdd(T obj, bool isInInitialList) => Events.Enqueue($"{(isInInitialList ? "initial" : "add")} {obj.Metadata!.Name}");

    public void OnUpdate(T oldObj, T newObj) => Events.Enqueue($"update {newObj.Metadata!.Name}");

    public void OnDelete(T obj, bool finalStateUnknown) => Events.Enqueue($"{(finalStateUnknown ? "tombstone" : "delete")} {obj.Metadata!.Name}");
}
