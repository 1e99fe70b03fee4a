using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.Client;

/// <summary>Pod-only subresources.</summary>
public static class PodClientExtensions
{
    /// <summary>
    /// Binds a pod to a node (POST pods/{name}/binding), as a scheduler does: the server sets spec.nodeName and
    /// PodScheduled=True. 409 when the pod is already bound or being deleted.
    /// </summary>
    public static Task<Status> BindAsync(this ResourceClient<Pod> pods, string ns, string name, string nodeName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pods);
        return pods.BindAsync(new Binding
        {
            ApiVersion = Binding.GroupVersion,
            Kind = Binding.KindName,
            Metadata = new ObjectMeta { Name = name, Namespace = ns },
            Target = new ObjectReference { ApiVersion = "v1", Kind = Node.KindName, Name = nodeName },
        }, cancellationToken);
    }

    /// <summary>Posts a full Binding (metadata.name and namespace name the pod; annotations are copied onto it).</summary>
    public static Task<Status> BindAsync(this ResourceClient<Pod> pods, Binding binding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(binding);
        var name = binding.Metadata?.Name ?? throw new ArgumentException("the binding has no metadata.name (the pod's name)", nameof(binding));
        return pods.PostAsync<Binding, Status>(binding.Metadata.Namespace ?? pods.Namespace, name, "binding", binding, cancellationToken);
    }
}
