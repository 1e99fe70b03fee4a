namespace FastKube.Grpc;

/// <summary>
/// One RPC of a service: its HTTP/2 path (<c>/package.Service/Method</c>) and the marshallers of its
/// request and response. Create once per method and keep it in a static field.
/// </summary>
public sealed class GrpcMethod<TRequest, TResponse>
{
    public GrpcMethod(string serviceName, string methodName, GrpcMarshaller<TRequest> requestMarshaller, GrpcMarshaller<TResponse> responseMarshaller)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        ArgumentNullException.ThrowIfNull(requestMarshaller);
        ArgumentNullException.ThrowIfNull(responseMarshaller);
        ServiceName = serviceName;
        MethodName = methodName;
        Path = "/" + serviceName + "/" + methodName;
        RequestMarshaller = requestMarshaller;
        ResponseMarshaller = responseMarshaller;
    }

    public string ServiceName { get; }

    public string MethodName { get; }

    /// <summary>The request path, e.g. <c>/runtime.v1.RuntimeService/Version</c>.</summary>
    public string Path { get; }

    public GrpcMarshaller<TRequest> RequestMarshaller { get; }

    public GrpcMarshaller<TResponse> ResponseMarshaller { get; }
}
