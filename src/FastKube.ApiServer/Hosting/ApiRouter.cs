using System.Diagnostics;
using System.Net;
using FastKube.Api;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Validation;
using FastKube.ApiServer.Caching;
using FastKube.ApiServer.Discovery;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Kubelet;
using FastKube.ApiServer.Metrics;
using FastKube.ApiServer.Registry;
using FastKube.ApiServer.Rest;
using FastKube.ApiServer.Services;
using FastKube.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FastKube.ApiServer.Hosting;

/// <summary>
/// Routes every request without the ASP.NET routing tables: health and version, discovery documents,
/// then resource requests (parsed like upstream's RequestInfoFactory); anything else is a 404 Status.
/// </summary>
internal sealed class ApiRouter : IAsyncDisposable
{
    // The namespaces every cluster has (kube-apiserver's system namespaces controller creates them).
    private static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    private static readonly byte[] Ok = "ok"u8.ToArray();

    private readonly DiscoveryDocuments _discovery = new(KubeTypes.All);
    private readonly AggregatedDiscovery _aggregated = new(KubeTypes.All);
    private readonly OpenApiDocuments _openApi = new(KubeTypes.All);
    private readonly ResourceEndpoints _resources;
    private readonly ApiMetrics _metrics;
    private readonly CacheFeed _feed;
    private readonly KubeletClient _kubelets;
    private Dictionary<(string Group, string Version, string Resource), ResourceStorage> _storages = [];
    private ServiceAllocator _allocator = null!;

    private ApiRouter(ResourceEndpoints resources, ApiMetrics metrics, CacheFeed feed, KubeletClient kubelets)
    {
        _resources = resources;
        _metrics = metrics;
        _feed = feed;
        _kubelets = kubelets;
    }

    /// <summary>
    /// Creates the registry of every served type with its watch cache, makes the system namespaces, and
    /// primes the caches from the store before the first request.
    /// </summary>
    public static async Task<ApiRouter> CreateAsync(ApiServerOptions options, IStore store, TimeProvider time, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var metrics = new ApiMetrics();
        var progress = new CacheProgress();
        var cacheLogger = logging.CreateLogger<WatchCache>();
        var caches = KubeTypes.All.ToDictionary(t => t, t => new WatchCache(t, options.WatchCache, progress, metrics, cacheLogger));
        var allocator = new ServiceAllocator(options.ServiceClusterIPRange,
            PortRange.TryParse(options.ServiceNodePortRange, out var nodePorts) ? nodePorts : throw new ArgumentException($"service node port range \"{options.ServiceNodePortRange}\" must be low-high within 1-65535", nameof(options)));
        var storages = KubeTypes.All.ToDictionary(
            t => (t.Group, t.Version, t.Resource),
            t => new ResourceStorage(t, store, Validate, time, Random.Shared, caches[t]) { Allocator = t.Type == typeof(Service) ? allocator : null });
        var namespaces = storages[("", "v1", "namespaces")];
        foreach (var name in SystemNamespaces)
        {
            var ns = new Namespace { Metadata = new ObjectMeta { Name = name } };
            Api.Defaulting.Defaults.Apply(ns);
            var created = await namespaces.CreateAsync(ns, "", dryRun: false, cancellationToken).ConfigureAwait(false);
            if (created.Error is { Reason: not StatusReasons.AlreadyExists } error)
            {
                throw new InvalidOperationException($"creating namespace {name}: {error.Message}");
            }
        }

        allocator.Load((await storages[("", "v1", "services")].ReadAllAsync(cancellationToken).ConfigureAwait(false)).Cast<Service>());
        var feed = await CacheFeed.StartAsync(store, caches.Values, progress, cacheLogger, cancellationToken).ConfigureAwait(false);
        var kubelets = new KubeletClient(options.KubeletClientCertificate);
        return new ApiRouter(new ResourceEndpoints(storages, options, metrics, kubelets), metrics, feed, kubelets)
        {
            _storages = storages,
            _allocator = allocator,
        };
    }

    /// <summary>Writes the <c>kubernetes</c> Service, Endpoints and EndpointSlice for the bound secure port; a refusal is the returned message.</summary>
    public Task<string?> ReconcileKubernetesServiceAsync(IPAddress advertise, int port, CancellationToken cancellationToken) =>
        KubernetesService.ReconcileAsync(_storages[("", "v1", "services")], _storages[("", "v1", "endpoints")], _storages[("discovery.k8s.io", "v1", "endpointslices")],
            _allocator.KubernetesServiceIP, advertise, port, cancellationToken);

    /// <summary>Stops the cache feed (after the server stopped taking requests).</summary>
    public ValueTask DisposeAsync()
    {
        _kubelets.Dispose();
        return _feed.DisposeAsync();
    }

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        switch (path)
        {
            case "/healthz" or "/livez" or "/readyz":
                await Write(context, Ok, "text/plain").ConfigureAwait(false);
                return;
            case "/version":
                await Write(context, VersionInfo.Json, "application/json").ConfigureAwait(false);
                return;
            case "/metrics":
                await Write(context, System.Text.Encoding.UTF8.GetBytes(_metrics.Render()), ApiMetrics.ContentType).ConfigureAwait(false);
                return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && _aggregated.TryGet(path, context.Request.Headers.Accept, out var aggregated))
        {
            context.Response.Headers.Vary = "Accept";
            await Write(context, aggregated, AggregatedDiscovery.ContentType).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && (_discovery.TryGet(path, out var document) || _openApi.TryGet(path, out document)))
        {
            await Write(context, document, "application/json").ConfigureAwait(false);
            return;
        }

        var request = RequestInfo.Parse(context.Request.Method, path, key => context.Request.Query.TryGetValue(key, out var v) ? v.ToString() : null);
        if (request is null)
        {
            await StatusResponses.WriteAsync(context, ApiErrors.NotFoundPath(path)).ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await _resources.HandleAsync(context, request).ConfigureAwait(false);
        // Only served resources become label values, so arbitrary paths cannot grow the metric set.
        var resource = KubeTypes.TryGetByResource(request.Group, request.Version, request.Resource, out _) ? request.Resource : "<unknown>";
        _metrics.Request(request.Verb, resource, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
    }

    private static FieldErrorList Validate(KubeObject obj, KubeObject? old) =>
        old is null ? Validator.Validate(obj) : Validator.ValidateUpdate(obj, old);

    private static Task Write(HttpContext context, byte[] body, string contentType)
    {
        context.Response.ContentType = contentType;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
