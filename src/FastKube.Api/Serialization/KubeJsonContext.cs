using System.Text.Json;
using System.Text.Json.Serialization;
using FastKube.Api.Apps;
using FastKube.Api.Autoscaling;
using FastKube.Api.Batch;
using FastKube.Api.Coordination;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;
using FastKube.Api.Policy;
using FastKube.Api.Resource;
using FastKube.Api.Scheduling;

namespace FastKube.Api.Serialization;

/// <summary>
/// Source-generated JSON metadata for every API type (no reflection at run time). Use it through
/// <see cref="KubeJson"/>, whose options add the omit-empty rule on top of these.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeJsonConverter)])]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(WatchEvent))]
[JsonSerializable(typeof(Table))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(ListMeta))]
[JsonSerializable(typeof(LabelSelector))]
[JsonSerializable(typeof(Condition))]
[JsonSerializable(typeof(PartialObjectMetadata))]
[JsonSerializable(typeof(ApiVersions))]
[JsonSerializable(typeof(ApiGroupList))]
[JsonSerializable(typeof(ApiGroup))]
[JsonSerializable(typeof(ApiResourceList))]
[JsonSerializable(typeof(Quantity))]
[JsonSerializable(typeof(IntOrString))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Dictionary<string, Quantity>))]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(NamespaceList))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(PodList))]
[JsonSerializable(typeof(PodTemplateSpec))]
[JsonSerializable(typeof(Binding))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(ServiceList))]
[JsonSerializable(typeof(Endpoints))]
[JsonSerializable(typeof(EndpointsList))]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(NodeList))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(ConfigMapList))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(SecretList))]
[JsonSerializable(typeof(ServiceAccount))]
[JsonSerializable(typeof(ServiceAccountList))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(EventList))]
[JsonSerializable(typeof(PersistentVolumeClaim))]
[JsonSerializable(typeof(PersistentVolumeClaimList))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(DeploymentList))]
[JsonSerializable(typeof(ReplicaSet))]
[JsonSerializable(typeof(ReplicaSetList))]
[JsonSerializable(typeof(DaemonSet))]
[JsonSerializable(typeof(DaemonSetList))]
[JsonSerializable(typeof(StatefulSet))]
[JsonSerializable(typeof(StatefulSetList))]
[JsonSerializable(typeof(ControllerRevision))]
[JsonSerializable(typeof(ControllerRevisionList))]
[JsonSerializable(typeof(Scale))]
// Core and Discovery both have an EndpointPort (as upstream); the generator needs distinct names.
[JsonSerializable(typeof(Discovery.EndpointPort), TypeInfoPropertyName = "DiscoveryEndpointPort")]
[JsonSerializable(typeof(List<Discovery.EndpointPort>), TypeInfoPropertyName = "ListDiscoveryEndpointPort")]
[JsonSerializable(typeof(EndpointSlice))]
[JsonSerializable(typeof(EndpointSliceList))]
[JsonSerializable(typeof(Job))]
[JsonSerializable(typeof(JobList))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(LeaseList))]
[JsonSerializable(typeof(PodDisruptionBudget))]
[JsonSerializable(typeof(PodDisruptionBudgetList))]
[JsonSerializable(typeof(Eviction))]
[JsonSerializable(typeof(PriorityClass))]
[JsonSerializable(typeof(PriorityClassList))]
public sealed partial class KubeJsonContext : JsonSerializerContext;
