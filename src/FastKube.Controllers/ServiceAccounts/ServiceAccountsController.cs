using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.ServiceAccounts;

/// <summary>
/// Upstream's serviceaccounts-controller: every active namespace has a ServiceAccount named <c>default</c>; a
/// namespace event, or the deletion of that account, makes the controller create it again. Terminating
/// namespaces are left alone (the API server would refuse the create anyway).
/// </summary>
internal sealed class ServiceAccountsController : QueueController
{
    public const string DefaultName = "default";

    private readonly ResourceClient<ServiceAccount> _accounts;
    private readonly InformerCache<Namespace> _namespaces;
    private readonly InformerCache<ServiceAccount> _accountCache;

    public ServiceAccountsController(KubeClient client, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs)
        : base("serviceaccount", time, logs.CreateLogger<ServiceAccountsController>())
    {
        _accounts = client.Resource<ServiceAccount>();
        var namespaces = informers.GetInformer<Namespace>();
        var accounts = informers.GetInformer<ServiceAccount>();
        _namespaces = namespaces.Cache;
        _accountCache = accounts.Cache;
        namespaces.AddEventHandler(new ResourceEventHandler<Namespace>
        {
            Added = (ns, _) => Queue.Add(ns.Metadata?.Name ?? ""),
            Updated = (_, ns) => Queue.Add(ns.Metadata?.Name ?? ""),
        });
        accounts.AddEventHandler(new ResourceEventHandler<ServiceAccount>
        {
            Deleted = (sa, _) =>
            {
                if (sa.Metadata?.Name == DefaultName)
                {
                    Queue.Add(sa.Metadata.Namespace ?? "");
                }
            },
        });
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var ns = _namespaces.Get(null, key);
        if (ns is null || ns.Metadata?.DeletionTimestamp is not null || ns.Status?.Phase == "Terminating" || _accountCache.Get(key, DefaultName) is not null)
        {
            return;
        }

        try
        {
            await _accounts.CreateAsync(new ServiceAccount { Metadata = new ObjectMeta { Name = DefaultName, Namespace = key } }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException exception) when (exception.IsAlreadyExists || exception.IsNotFound || exception.Status.Code == 403)
        {
            // Created meanwhile by someone else, or the namespace is gone or started terminating.
        }
    }
}
