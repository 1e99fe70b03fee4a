using FastKube.Api.Meta;

namespace FastKube.Client;

/// <summary>One decoded watch event: the object (all types but Error), or the server's Status (Error).</summary>
public readonly record struct WatchEvent<T>(WatchEventType Type, T? Object, Status? Status)
    where T : KubeObject;
