using FastKube.Api;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.ApiServer.Discovery;

/// <summary>
/// Legacy discovery (<c>/api</c>, <c>/apis</c>, <c>/api/v1</c>, <c>/apis/{group}/{version}</c>) built once
/// from <see cref="KubeTypes"/> as the meta/v1 discovery types: kubectl reads it to map kinds to
/// resources. kubectl asks for <see cref="AggregatedDiscovery"/> first; older clients read these.
/// </summary>
internal sealed class DiscoveryDocuments
{
    public static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];

    private readonly Dictionary<string, byte[]> _documents = new(StringComparer.Ordinal);

    public DiscoveryDocuments(IReadOnlyList<KubeTypeInfo> types)
    {
        _documents["/api"] = KubeJson.Serialize(new ApiVersions { Kind = ApiVersions.KindName, Versions = ["v1"], ServerAddressByClientCIDRs = [] });
        _documents["/apis"] = KubeJson.Serialize(new ApiGroupList
        {
            Kind = ApiGroupList.KindName,
            ApiVersion = ApiGroupList.GroupVersion,
            Groups = [.. types.Where(t => t.Group.Length > 0).GroupBy(t => t.Group).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ApiGroup
            {
                Name = g.Key,
                Versions = [Version(g.Key, g.First().Version)],
                PreferredVersion = Version(g.Key, g.First().Version),
            })],
        });
        foreach (var groupVersion in types.GroupBy(t => t.ApiVersion))
        {
            var path = groupVersion.First().Group.Length == 0 ? "/api/v1" : $"/apis/{groupVersion.Key}";
            _documents[path] = KubeJson.Serialize(new ApiResourceList
            {
                Kind = ApiResourceList.KindName,
                ApiVersion = "v1",
                GroupVersion = groupVersion.Key,
                Resources = [.. groupVersion.SelectMany(Resources)],
            });
        }
    }

    /// <summary>The document served at <paramref name="path"/>, if it is a discovery path.</summary>
    public bool TryGet(string path, out byte[] document) => _documents.TryGetValue(path.TrimEnd('/'), out document!);

    /// <summary>The served subresources of a kind: name, group of the kind returned (null: the resource's own), kind, verbs.</summary>
    public static IEnumerable<(string Name, string? Group, string Kind, string[] Verbs)> Subresources(KubeTypeInfo type)
    {
        if (type.HasStatus)
        {
            yield return ("status", null, type.Kind, SubresourceVerbs);
        }

        if (type.HasScale)
        {
            yield return ("scale", "autoscaling", "Scale", SubresourceVerbs);
        }

        if (type.Type == typeof(Api.Core.Pod))
        {
            yield return ("binding", null, "Binding", ["create"]);
            yield return ("log", null, type.Kind, ["get"]);
        }
    }

    private static IEnumerable<ApiResource> Resources(KubeTypeInfo type)
    {
        yield return new ApiResource
        {
            Name = type.Resource,
            SingularName = type.SingularName,
            Namespaced = type.Namespaced,
            Kind = type.Kind,
            Verbs = [.. Verbs],
            ShortNames = [.. type.ShortNames],
            Categories = [.. type.Categories],
        };
        foreach (var (name, group, kind, verbs) in Subresources(type))
        {
            yield return new ApiResource
            {
                Name = $"{type.Resource}/{name}",
                SingularName = "",
                Namespaced = type.Namespaced,
                Group = group,
                Version = group is null ? null : "v1",
                Kind = kind,
                Verbs = [.. verbs],
            };
        }
    }

    private static GroupVersionForDiscovery Version(string group, string version) => new() { GroupVersion = $"{group}/{version}", Version = version };
}
