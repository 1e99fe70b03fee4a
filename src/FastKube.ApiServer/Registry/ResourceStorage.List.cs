using System.Globalization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.ApiServer.Http;
using FastKube.Storage;

namespace FastKube.ApiServer.Registry;

internal sealed partial class ResourceStorage
{
    // Store pages read while filtering by selectors; bounds memory per round trip.
    private const int FilteredPageSize = 1000;

    private KubeObject? _empty;

    /// <summary>
    /// Lists a namespace (or all namespaces) as one snapshot: every page of a paginated list reads at
    /// the revision of the first (carried in the continue token), as upstream does.
    /// </summary>
    public async ValueTask<ListResult> ListAsync(string ns, ListOptions options, CancellationToken cancellationToken)
    {
        if (Fields(options) is { } fieldError)
        {
            return fieldError;
        }

        if (cache is not null && await ListFromCacheAsync(cache, ns, options, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        var prefix = ResourceKeys.Collection(info, ns);
        var revision = 0L;
        string? after = null;
        if (!string.IsNullOrEmpty(options.Continue))
        {
            if (!ContinueToken.TryDecode(options.Continue, out revision, out var suffix, out var tokenError))
            {
                return ApiErrors.BadRequest(tokenError);
            }

            after = prefix + suffix;
        }
        else if (ReadRevision(options) is var (requested, error))
        {
            if (error is not null)
            {
                return error;
            }

            revision = requested;
        }

        var filtered = !options.Labels.IsEverything || !options.Fields.IsEverything;
        var limit = options.Limit > 0 ? options.Limit : int.MaxValue;
        var items = new List<KubeObject>();
        while (true)
        {
            var pageSize = filtered ? FilteredPageSize : limit == int.MaxValue ? 0 : limit - items.Count + 1;
            var page = await store.RangeAsync(new RangeRequest(KeyRange.Prefix(prefix), pageSize, revision, after), cancellationToken).ConfigureAwait(false);
            switch (page.Status)
            {
                case StoreStatus.Ok:
                    break;
                case StoreStatus.Compacted when options.Continue is not null:
                    return ApiErrors.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
                case StoreStatus.Compacted:
                    return ApiErrors.Expired($"too old resource version: {revision} ({page.CompactRevision})");
                case StoreStatus.FutureRevision:
                    return ApiErrors.TooLargeResourceVersion(revision, store.CurrentRevision);
                default:
                    return ApiErrors.Internal($"list of {ApiErrors.QualifiedResource(info)}: store answered {page.Status}");
            }

            revision = page.Revision;
            for (var i = 0; i < page.Items.Count; i++)
            {
                var obj = Decode(page.Items[i]);
                if (!Matches(obj, options))
                {
                    continue;
                }

                if (items.Count == limit)
                {
                    // One more match exists past the limit: hand out a token that resumes after the last returned key.
                    var lastKey = ResourceKeys.Object(info, items[^1].Metadata!.Namespace ?? "", items[^1].Metadata!.Name!);
                    return new ListResult(items, revision, ContinueToken.Encode(revision, lastKey[prefix.Length..]), null);
                }

                items.Add(obj);
            }

            if (!page.More)
            {
                return new ListResult(items, revision, null, null);
            }

            after = page.Items[^1].Key;
        }
    }

    // Every field of a field selector must be one the kind supports (400 otherwise, as upstream).
    private Api.Meta.Status? Fields(ListOptions options)
    {
        foreach (var requirement in options.Fields.Requirements)
        {
            if (!SelectableFields.TryGet(_empty ??= (KubeObject)KubeJson.Deserialize("{}"u8, info.Type)!, requirement.Field, out _))
            {
                return ApiErrors.BadRequest($"field label not supported: {requirement.Field}");
            }
        }

        return null;
    }

    private static bool Matches(KubeObject obj, ListOptions options) =>
        options.Labels.Matches(obj.Metadata?.Labels)
        && options.Fields.Matches(field => SelectableFields.TryGet(obj, field, out var value) ? value : null);

    // resourceVersion semantics of a list (upstream): "" → latest (consistent read); "0" → any, served
    // as latest; N with resourceVersionMatch=Exact → at N; N otherwise (NotOlderThan) → latest, once the
    // store has reached N.
    private (long Revision, Api.Meta.Status? Error)? ReadRevision(ListOptions options)
    {
        var rv = options.ResourceVersion;
        var match = options.ResourceVersionMatch;
        if (string.IsNullOrEmpty(rv))
        {
            return string.IsNullOrEmpty(match)
                ? null
                : (0, ApiErrors.BadRequest("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided"));
        }

        if (!long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var requested))
        {
            return (0, ApiErrors.BadRequest($"resourceVersion: Invalid value: \"{rv}\": must be a non-negative integer"));
        }

        switch (match)
        {
            case null or "" or "NotOlderThan":
                return requested > store.CurrentRevision ? (0, ApiErrors.TooLargeResourceVersion(requested, store.CurrentRevision)) : null;
            case "Exact" when requested == 0:
                return (0, ApiErrors.BadRequest("resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            case "Exact":
                return (requested, null);
            default:
                return (0, ApiErrors.BadRequest($"resourceVersionMatch: Unsupported value: \"{match}\": supported values: \"Exact\", \"NotOlderThan\", \"\""));
        }
    }
}
