namespace FastKube.Client.Configuration;

/// <summary>
/// A kubeconfig that cannot be used. The message names the file and the field, e.g.
/// <c>/root/.kube/config: users[name=admin].user.client-key-data: not valid base64</c>.
/// </summary>
public sealed class KubeconfigException : Exception
{
    public KubeconfigException(string message)
        : base(message)
    {
    }

    public KubeconfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KubeconfigException()
    {
    }
}
