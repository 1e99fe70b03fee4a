using FastKube.Cri.V1;
using FastKube.Grpc;
using Google.Protobuf;

namespace FastKube.Cri;

/// <summary>The CRI v1 RPCs FastKube calls: service and method names as in k8s.io/cri-api runtime/v1.</summary>
internal static class CriMethods
{
    private const string Runtime = "runtime.v1.RuntimeService";
    private const string Images = "runtime.v1.ImageService";

    public static readonly GrpcMethod<VersionRequest, VersionResponse> Version = Create(Runtime, "Version", VersionRequest.Parser, VersionResponse.Parser);
    public static readonly GrpcMethod<StatusRequest, StatusResponse> Status = Create(Runtime, "Status", StatusRequest.Parser, StatusResponse.Parser);
    public static readonly GrpcMethod<RunPodSandboxRequest, RunPodSandboxResponse> RunPodSandbox = Create(Runtime, "RunPodSandbox", RunPodSandboxRequest.Parser, RunPodSandboxResponse.Parser);
    public static readonly GrpcMethod<StopPodSandboxRequest, StopPodSandboxResponse> StopPodSandbox = Create(Runtime, "StopPodSandbox", StopPodSandboxRequest.Parser, StopPodSandboxResponse.Parser);
    public static readonly GrpcMethod<RemovePodSandboxRequest, RemovePodSandboxResponse> RemovePodSandbox = Create(Runtime, "RemovePodSandbox", RemovePodSandboxRequest.Parser, RemovePodSandboxResponse.Parser);
    public static readonly GrpcMethod<PodSandboxStatusRequest, PodSandboxStatusResponse> PodSandboxStatus = Create(Runtime, "PodSandboxStatus", PodSandboxStatusRequest.Parser, PodSandboxStatusResponse.Parser);
    public static readonly GrpcMethod<ListPodSandboxRequest, ListPodSandboxResponse> ListPodSandbox = Create(Runtime, "ListPodSandbox", ListPodSandboxRequest.Parser, ListPodSandboxResponse.Parser);
    public static readonly GrpcMethod<CreateContainerRequest, CreateContainerResponse> CreateContainer = Create(Runtime, "CreateContainer", CreateContainerRequest.Parser, CreateContainerResponse.Parser);
    public static readonly GrpcMethod<StartContainerRequest, StartContainerResponse> StartContainer = Create(Runtime, "StartContainer", StartContainerRequest.Parser, StartContainerResponse.Parser);
    public static readonly GrpcMethod<StopContainerRequest, StopContainerResponse> StopContainer = Create(Runtime, "StopContainer", StopContainerRequest.Parser, StopContainerResponse.Parser);
    public static readonly GrpcMethod<RemoveContainerRequest, RemoveContainerResponse> RemoveContainer = Create(Runtime, "RemoveContainer", RemoveContainerRequest.Parser, RemoveContainerResponse.Parser);
    public static readonly GrpcMethod<ListContainersRequest, ListContainersResponse> ListContainers = Create(Runtime, "ListContainers", ListContainersRequest.Parser, ListContainersResponse.Parser);
    public static readonly GrpcMethod<ContainerStatusRequest, ContainerStatusResponse> ContainerStatus = Create(Runtime, "ContainerStatus", ContainerStatusRequest.Parser, ContainerStatusResponse.Parser);
    public static readonly GrpcMethod<ExecSyncRequest, ExecSyncResponse> ExecSync = Create(Runtime, "ExecSync", ExecSyncRequest.Parser, ExecSyncResponse.Parser);
    public static readonly GrpcMethod<ReopenContainerLogRequest, ReopenContainerLogResponse> ReopenContainerLog = Create(Runtime, "ReopenContainerLog", ReopenContainerLogRequest.Parser, ReopenContainerLogResponse.Parser);

    public static readonly GrpcMethod<ListImagesRequest, ListImagesResponse> ListImages = Create(Images, "ListImages", ListImagesRequest.Parser, ListImagesResponse.Parser);
    public static readonly GrpcMethod<ImageStatusRequest, ImageStatusResponse> ImageStatus = Create(Images, "ImageStatus", ImageStatusRequest.Parser, ImageStatusResponse.Parser);
    public static readonly GrpcMethod<PullImageRequest, PullImageResponse> PullImage = Create(Images, "PullImage", PullImageRequest.Parser, PullImageResponse.Parser);
    public static readonly GrpcMethod<RemoveImageRequest, RemoveImageResponse> RemoveImage = Create(Images, "RemoveImage", RemoveImageRequest.Parser, RemoveImageResponse.Parser);
    public static readonly GrpcMethod<ImageFsInfoRequest, ImageFsInfoResponse> ImageFsInfo = Create(Images, "ImageFsInfo", ImageFsInfoRequest.Parser, ImageFsInfoResponse.Parser);

    private static GrpcMethod<TRequest, TResponse> Create<TRequest, TResponse>(string service, string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        new(service, name, ProtobufMarshaller.For(request), ProtobufMarshaller.For(response));
}
