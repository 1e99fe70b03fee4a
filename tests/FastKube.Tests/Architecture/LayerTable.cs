namespace FastKube.Tests.Architecture;

/// <summary>
/// The layer table of shared/ARCHITECTURE.md as data. A reference may point to a lower layer; inside
/// one layer only the edges listed in <see cref="SameLayerEdges"/> are allowed (a backend on its
/// abstraction, a protocol client on the transport it rides).
/// </summary>
internal static class LayerTable
{
    public const int Core = 0;
    public const int Infrastructure = 1;
    public const int Components = 2;
    public const int Hosts = 3;

    /// <summary>Build-time tools (source generators); referenced only as analyzers, never as assemblies.</summary>
    public const int Tool = -1;

    public static readonly IReadOnlyDictionary<string, int> Projects = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["FastKube.Api"] = Core,
        ["FastKube.Api.Generators"] = Tool,
        ["FastKube.Client"] = Infrastructure,
        ["FastKube.Storage"] = Infrastructure,
        ["FastKube.Storage.Sqlite"] = Infrastructure,
        ["FastKube.Storage.Etcd"] = Infrastructure,
        ["FastKube.Grpc"] = Infrastructure,
        ["FastKube.Cri"] = Infrastructure,
        ["FastKube.Netlink"] = Infrastructure,
        ["FastKube.Dataplane.Kernel"] = Infrastructure,
        ["FastKube.ApiServer"] = Components,
        ["FastKube.Scheduler"] = Components,
        ["FastKube.Controllers"] = Components,
        ["FastKube.NodeAgent"] = Components,
        ["FastKube.Proxy"] = Components,
        ["FastKube.Balancer"] = Components,
        ["FastKube"] = Hosts,
    };

    public static readonly IReadOnlySet<(string From, string To)> SameLayerEdges = new HashSet<(string, string)>
    {
        ("FastKube.Storage.Sqlite", "FastKube.Storage"),
        ("FastKube.Storage.Etcd", "FastKube.Storage"),
        ("FastKube.Storage.Etcd", "FastKube.Grpc"),
        ("FastKube.Cri", "FastKube.Grpc"),
        ("FastKube.Dataplane.Kernel", "FastKube.Netlink"),
    };

    /// <summary>
    /// Test projects that may reach up or sideways, each for a stated reason: the client's integration tests start
    /// the real API server (component) over the in-memory store (same layer) in-process, so that they exercise
    /// the client against the server it is written for rather than a fake.
    /// </summary>
    public static readonly IReadOnlySet<(string From, string To)> TestEdges = new HashSet<(string, string)>
    {
        ("FastKube.Client.Tests", "FastKube.ApiServer"),
        ("FastKube.Client.Tests", "FastKube.Storage"),
    };

    /// <summary>The layer of a source project; an <c>X.Testing</c> fake project sits with X.</summary>
    public static int? LayerOf(string project)
    {
        if (Projects.TryGetValue(project, out var layer))
        {
            return layer;
        }

        const string testing = ".Testing";
        return project.EndsWith(testing, StringComparison.Ordinal) && Projects.TryGetValue(project[..^testing.Length], out layer)
            ? layer
            : null;
    }
}
