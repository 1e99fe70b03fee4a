using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FastKube.Api;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Client.Http;

namespace FastKube.Client;

/// <summary>
/// REST verbs of one kind (get, list, create, update, updateStatus, patch, delete, deletecollection, watch,
/// scale), from <see cref="KubeClient.Resource{T}"/>. Namespaces: calls naming one object take
/// <c>ns</c> (required for namespaced kinds, null for cluster-scoped ones); calls taking an object use its
/// <c>metadata.namespace</c>, else the client's <see cref="KubeClient.Namespace"/>; list, watch and
/// deletecollection with a null <c>ns</c> cover all namespaces. Every refusal throws
/// <see cref="KubeApiException"/> with the server's Status.
/// </summary>
public sealed partial class ResourceClient<T>
    where T : KubeObject
{
    private const string Json = "application/json";

    private readonly KubeClient _client;
    private readonly ListCodec<T> _lists;
    private readonly string _prefix;

    internal ResourceClient(KubeClient client, KubeTypeInfo info)
    {
        _client = client;
        Info = info;
        _lists = new ListCodec<T>(info);
        _prefix = info.Group.Length == 0 ? $"/api/{info.Version}" : $"/apis/{info.Group}/{info.Version}";
    }

    /// <summary>The kind's registry entry (group, version, resource, scope).</summary>
    public KubeTypeInfo Info { get; }

    public Task<T> GetAsync(string? ns, string name, CancellationToken cancellationToken = default) =>
        _client.SendAsync(HttpMethod.Get, Path(ObjectNamespace(ns), name), null, msgpack: true, KubeClient.ReadObjectAsync<T>, cancellationToken);

    /// <summary>Like <see cref="GetAsync"/>, but null when the object does not exist.</summary>
    public async Task<T?> TryGetAsync(string? ns, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>One list call (one page when <see cref="ListOptions.Limit"/> is set); null <paramref name="ns"/> lists all namespaces.</summary>
    public Task<ResourceList<T>> ListAsync(string? ns = null, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SendAsync(HttpMethod.Get, new QueryBuilder(Path(ns, null)).Add(options).ToString(), null, msgpack: true, _lists.ReadAsync, cancellationToken);

    public Task<T> CreateAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Write(HttpMethod.Post, new QueryBuilder(Path(NamespaceOf(obj), null)).Add(options), JsonBody(obj), cancellationToken);
    }

    /// <summary>Replaces the object; its <c>metadata.resourceVersion</c> makes this a compare-and-swap (409 when stale).</summary>
    public Task<T> UpdateAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(HttpMethod.Put, new QueryBuilder(Path(NamespaceOf(obj), NameOf(obj))).Add(options), JsonBody(obj), cancellationToken);

    /// <summary>Replaces the status only (the /status subresource); spec changes in <paramref name="obj"/> are ignored by the server.</summary>
    public Task<T> UpdateStatusAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(HttpMethod.Put, new QueryBuilder(Path(NamespaceOf(obj), NameOf(obj), "status")).Add(options), JsonBody(obj), cancellationToken);

    /// <summary>Patches the object; <paramref name="patch"/> is JSON in the form <paramref name="type"/> names.</summary>
    public Task<T> PatchAsync(string? ns, string name, PatchType type, string patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(HttpMethod.Patch, new QueryBuilder(Path(ObjectNamespace(ns), name)).Add(options), PatchBody(type, patch), cancellationToken);

    /// <summary>Patches the /status subresource.</summary>
    public Task<T> PatchStatusAsync(string? ns, string name, PatchType type, string patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(HttpMethod.Patch, new QueryBuilder(Path(ObjectNamespace(ns), name, "status")).Add(options), PatchBody(type, patch), cancellationToken);

    /// <summary>
    /// Deletes the object. Returns it as the server last wrote it: with <c>deletionTimestamp</c> set while a grace
    /// period or finalizers hold it (202), or as removed (200); null when the server answered with a Status.
    /// </summary>
    public Task<T?> DeleteAsync(string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SendAsync(HttpMethod.Delete, Path(ObjectNamespace(ns), name), DeleteBody(options), msgpack: true, ReadDeletedAsync, cancellationToken);

    /// <summary>Deletes every object matching <paramref name="listOptions"/>' selectors; returns those deleted.</summary>
    public Task<ResourceList<T>> DeleteCollectionAsync(string? ns, ListOptions? listOptions = null, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SendAsync(HttpMethod.Delete, new QueryBuilder(Path(ns, null)).Add(listOptions).ToString(), DeleteBody(options), msgpack: true, _lists.ReadAsync, cancellationToken);

    internal string Namespace => _client.Namespace;

    /// <summary>POSTs <paramref name="body"/> as JSON to a subresource of one object (pods/binding).</summary>
    internal Task<TResult> PostAsync<TBody, TResult>(string ns, string name, string subresource, TBody body, CancellationToken cancellationToken)
        where TResult : class =>
        _client.SendAsync(HttpMethod.Post, Path(ObjectNamespace(ns), name, subresource), JsonBody(body), msgpack: false, KubeClient.ReadObjectAsync<TResult>, cancellationToken);

    /// <summary>PUTs <paramref name="obj"/> as JSON to a subresource of one cluster-scoped object (namespaces/finalize).</summary>
    internal Task<T> PutAsync(string name, string subresource, T obj, CancellationToken cancellationToken) =>
        Write(HttpMethod.Put, new QueryBuilder(Path(null, name, subresource)), JsonBody(obj), cancellationToken);

    private Task<T> Write(HttpMethod method, QueryBuilder uri, HttpContent body, CancellationToken cancellationToken) =>
        _client.SendAsync(method, uri.ToString(), body, msgpack: true, KubeClient.ReadObjectAsync<T>, cancellationToken);

    private static async Task<T?> ReadDeletedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (KubeClient.IsMsgPack(response))
        {
            return await KubeClient.ReadObjectAsync<T>(response, cancellationToken).ConfigureAwait(false);
        }

        // Upstream answers some deletions with a Success Status instead of the object.
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueEquals(Status.KindName)
            ? null
            : KubeJson.Deserialize<T>(body);
    }

    internal string Path(string? ns, string? name, string? subresource = null)
    {
        var text = new StringBuilder(_prefix);
        if (Info.Namespaced && !string.IsNullOrEmpty(ns))
        {
            text.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
        }

        text.Append('/').Append(Info.Resource);
        if (name is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            text.Append('/').Append(Uri.EscapeDataString(name));
        }

        if (subresource is not null)
        {
            text.Append('/').Append(subresource);
        }

        return text.ToString();
    }

    private string? ObjectNamespace(string? ns)
    {
        if (Info.Namespaced && string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException($"{Info.Resource} are namespaced: name the namespace", nameof(ns));
        }

        if (!Info.Namespaced && !string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException($"{Info.Resource} are cluster-scoped: pass no namespace (got \"{ns}\")", nameof(ns));
        }

        return ns;
    }

    private string? NamespaceOf(T obj) =>
        Info.Namespaced ? obj.Metadata?.Namespace is { Length: > 0 } ns ? ns : _client.Namespace : null;

    private static string NameOf(T obj) =>
        obj.Metadata?.Name is { Length: > 0 } name ? name : throw new ArgumentException("the object has no metadata.name", nameof(obj));

    private static ByteArrayContent JsonBody<TBody>(TBody body)
    {
        var content = new ByteArrayContent(KubeJson.Serialize(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(Json);
        return content;
    }

    private static StringContent PatchBody(PatchType type, string patch) =>
        new(patch, Encoding.UTF8, type switch
        {
            PatchType.Merge => "application/merge-patch+json",
            PatchType.StrategicMerge => "application/strategic-merge-patch+json",
            PatchType.Json => "application/json-patch+json",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a patch type"),
        });

    private static ByteArrayContent? DeleteBody(DeleteOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        options.Kind ??= DeleteOptions.KindName;
        options.ApiVersion ??= DeleteOptions.GroupVersion;
        return JsonBody(options);
    }
}
