using FastKube.Cri.V1;
using Google.Protobuf;

namespace FastKube.Cri.Tests;

public sealed class CriMethodsTests
{
    [Fact]
    public void Paths_RuntimeAndImageMethods_UseUpstreamServiceNames()
    {
        Assert.Equal("/runtime.v1.RuntimeService/RunPodSandbox", CriMethods.RunPodSandbox.Path);
        Assert.Equal("/runtime.v1.RuntimeService/ExecSync", CriMethods.ExecSync.Path);
        Assert.Equal("/runtime.v1.ImageService/PullImage", CriMethods.PullImage.Path);
        Assert.Equal("/runtime.v1.ImageService/ImageFsInfo", CriMethods.ImageFsInfo.Path);
    }

    [Fact]
    public void Descriptor_Package_IsRuntimeV1()
    {
        Assert.Equal("runtime.v1.PodSandboxConfig", PodSandboxConfig.Descriptor.FullName);
    }

    [Theory]
    [InlineData(typeof(PodSandboxConfig), "log_directory", 3)]
    [InlineData(typeof(PodSandboxConfig), "linux", 8)]
    [InlineData(typeof(ContainerConfig), "log_path", 11)]
    [InlineData(typeof(ContainerConfig), "linux", 15)]
    [InlineData(typeof(ContainerStatus), "log_path", 15)]
    [InlineData(typeof(ImageSpec), "user_specified_image", 18)]
    [InlineData(typeof(LinuxContainerResources), "memory_swap_limit_in_bytes", 10)]
    [InlineData(typeof(LinuxSandboxSecurityContext), "run_as_group", 8)]
    [InlineData(typeof(LinuxContainerSecurityContext), "seccomp", 15)]
    public void FieldNumbers_SpotChecks_MatchUpstreamCriApi(Type message, string field, int number)
    {
        var descriptor = (Google.Protobuf.Reflection.MessageDescriptor)message.GetProperty("Descriptor")!.GetValue(null)!;

        Assert.Equal(number, descriptor.FindFieldByName(field).FieldNumber);
    }

    [Fact]
    public void Marshaller_RoundTrip_PreservesMessage()
    {
        var config = new ContainerConfig { Metadata = new ContainerMetadata { Name = "app", Attempt = 2 }, Command = { "sh", "-c", "echo hi" } };
        var writer = new System.Buffers.ArrayBufferWriter<byte>();

        CriMethods.CreateContainer.RequestMarshaller.Serialize(new CreateContainerRequest { PodSandboxId = "s", Config = config }, writer);
        var parsed = CriMethods.CreateContainer.RequestMarshaller.Deserialize(new System.Buffers.ReadOnlySequence<byte>(writer.WrittenMemory));

        Assert.Equal("s", parsed.PodSandboxId);
        Assert.Equal(config, parsed.Config);
        Assert.Equal(writer.WrittenSpan.ToArray(), parsed.ToByteArray());
    }
}
