using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using FastKube.Api;
using FastKube.Api.Core;
using FastKube.Api.Defaulting;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;
using FastKube.ApiServer.Registry;
using DiscoveryPort = FastKube.Api.Discovery.EndpointPort;

namespace FastKube.ApiServer.Services;

/// <summary>
/// The <c>default/kubernetes</c> Service, its Endpoints and its EndpointSlice, written by the API server at
/// startup as upstream's master endpoints reconciler does: ClusterIP = the first address of the service
/// range, port 443 named https to the API server's secure port at its advertised address. Pods reach the API
/// server through it (and in-cluster clients find it by the KUBERNETES_SERVICE_* variables). Re-run on every
/// start, it corrects a port or address that changed since the last one.
/// </summary>
internal static class KubernetesService
{
    public const string Name = "kubernetes";
    private const string Namespace = "default";
    private const string PortName = "https";

    /// <summary>
    /// The address other machines and pods use: the bind address unless it is a wildcard or loopback, else the
    /// first IPv4 address of an interface that is up (upstream's advertise-address fallback), else the bind address.
    /// </summary>
    public static IPAddress AdvertiseAddress(IPAddress bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        if (!IPAddress.IsLoopback(bind) && !bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
        {
            return bind;
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? bind;
    }

    /// <summary>Creates or corrects the three objects; returns the first refusal (a Status message), or null.</summary>
    public static async Task<string?> ReconcileAsync(ResourceStorage services, ResourceStorage endpoints, ResourceStorage slices,
        IPAddress clusterIP, IPAddress advertise, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(slices);
        var service = await UpsertAsync(services, NewService(clusterIP, port), existing =>
        {
            var current = (Service)existing;
            current.Spec!.Ports = NewService(clusterIP, port).Spec!.Ports;
        }, cancellationToken).ConfigureAwait(false);
        var endpointsError = await UpsertAsync(endpoints, NewEndpoints(advertise, port), existing => ((Endpoints)existing).Subsets = NewEndpoints(advertise, port).Subsets,
            cancellationToken).ConfigureAwait(false);
        var sliceError = await UpsertAsync(slices, NewSlice(advertise, port), existing =>
        {
            var current = (EndpointSlice)existing;
            var fresh = NewSlice(advertise, port);
            current.AddressType = fresh.AddressType;
            current.Endpoints = fresh.Endpoints;
            current.Ports = fresh.Ports;
        }, cancellationToken).ConfigureAwait(false);
        return service ?? endpointsError ?? sliceError;
    }

    private static async Task<string?> UpsertAsync(ResourceStorage storage, KubeObject desired, Action<KubeObject> correct, CancellationToken cancellationToken)
    {
        Defaults.Apply(desired);
        var read = await storage.GetAsync(Namespace, Name, cancellationToken).ConfigureAwait(false);
        if (read.Object is null)
        {
            var created = await storage.CreateAsync(desired, Namespace, dryRun: false, cancellationToken).ConfigureAwait(false);
            return created.Error is { Reason: not StatusReasons.AlreadyExists } error ? error.Message : null;
        }

        var before = Api.Serialization.KubeJson.SerializeToString(read.Object);
        correct(read.Object);
        Defaults.Apply(read.Object);
        if (Api.Serialization.KubeJson.SerializeToString(read.Object) == before)
        {
            return null;
        }

        var updated = await storage.UpdateAsync(read.Object, Namespace, Name, statusOnly: false, dryRun: false, cancellationToken).ConfigureAwait(false);
        return updated.Error?.Message;
    }

    private static Service NewService(IPAddress clusterIP, int port) => new()
    {
        Metadata = new ObjectMeta { Name = Name, Namespace = Namespace, Labels = new() { ["component"] = "apiserver", ["provider"] = "kubernetes" } },
        Spec = new ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = clusterIP.ToString(),
            SessionAffinity = "None",
            Ports = [new ServicePort { Name = PortName, Protocol = "TCP", Port = 443, TargetPort = port }],
        },
    };

    private static Endpoints NewEndpoints(IPAddress advertise, int port) => new()
    {
        Metadata = new ObjectMeta { Name = Name, Namespace = Namespace, Labels = new() { ["endpointslice.kubernetes.io/skip-mirror"] = "true" } },
        Subsets = [new EndpointSubset { Addresses = [new EndpointAddress { IP = advertise.ToString() }], Ports = [new Api.Core.EndpointPort { Name = PortName, Port = port, Protocol = "TCP" }] }],
    };

    private static EndpointSlice NewSlice(IPAddress advertise, int port) => new()
    {
        Metadata = new ObjectMeta { Name = Name, Namespace = Namespace, Labels = new() { ["kubernetes.io/service-name"] = Name } },
        AddressType = advertise.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4",
        Endpoints = [new Endpoint { Addresses = [advertise.ToString()], Conditions = new EndpointConditions { Ready = true } }],
        Ports = [new DiscoveryPort { Name = PortName, Port = port, Protocol = "TCP" }],
    };
}
