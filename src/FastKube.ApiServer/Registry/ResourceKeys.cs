using FastKube.Api;

namespace FastKube.ApiServer.Registry;

/// <summary>
/// Store keys: <c>/registry/{group}/{resource}/{namespace}/{name}</c>, or without the namespace for
/// cluster-scoped kinds; the core group is spelled "core" so every prefix has the same depth. Names
/// and namespaces are validated path segments (no '/'), so prefixes never overlap.
/// </summary>
internal static class ResourceKeys
{
    public static string Resource(KubeTypeInfo info) => $"/registry/{(info.Group.Length == 0 ? "core" : info.Group)}/{info.Resource}/";

    /// <summary>The prefix of a list: every namespace when <paramref name="ns"/> is empty.</summary>
    public static string Collection(KubeTypeInfo info, string ns) =>
        info.Namespaced && ns.Length > 0 ? $"{Resource(info)}{ns}/" : Resource(info);

    public static string Object(KubeTypeInfo info, string ns, string name) =>
        info.Namespaced ? $"{Resource(info)}{ns}/{name}" : $"{Resource(info)}{name}";
}
