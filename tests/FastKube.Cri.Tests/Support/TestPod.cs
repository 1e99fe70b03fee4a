using FastKube.Cri.V1;
using FastKube.Grpc;

namespace FastKube.Cri.Tests.Support;

/// <summary>
/// A pod sandbox a test runs containers in, with the kubelet's log layout
/// ({logRoot}/{namespace}_{name}_{uid}/{container}/{attempt}.log). Disposing stops and removes it (and so
/// its containers) whatever the test did.
/// </summary>
public sealed class TestPod : IAsyncDisposable
{
    private readonly IRuntimeService _runtime;

    private TestPod(IRuntimeService runtime, PodSandboxConfig config, string id)
    {
        _runtime = runtime;
        Config = config;
        Id = id;
    }

    public PodSandboxConfig Config { get; }

    public string Id { get; }

    public static PodSandboxConfig CreateConfig(string logRoot, string name)
    {
        string uid = Guid.NewGuid().ToString();
        return new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Namespace = "default", Uid = uid },
            Hostname = name,
            LogDirectory = Path.Combine(logRoot, $"default_{name}_{uid}"),
            Labels = { ["io.kubernetes.pod.name"] = name, ["fastkube.test"] = "true" },
            Linux = new LinuxPodSandboxConfig
            {
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Pod, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod },
                },
            },
        };
    }

    public static async Task<TestPod> RunAsync(IRuntimeService runtime, string logRoot, string name)
    {
        var config = CreateConfig(logRoot, name);
        string id = await runtime.RunPodSandboxAsync(config);
        return new TestPod(runtime, config, id);
    }

    public ContainerConfig Container(string name, params string[] command)
    {
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = name, Attempt = 0 },
            Image = new ImageSpec { Image = ContainerdFixture.BusyboxImage },
            LogPath = Path.Combine(name, "0.log"),
        };
        config.Command.AddRange(command);
        return config;
    }

    public async Task<string> StartContainerAsync(ContainerConfig config)
    {
        string id = await _runtime.CreateContainerAsync(Id, config, Config);
        await _runtime.StartContainerAsync(id);
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _runtime.StopPodSandboxAsync(Id);
            await _runtime.RemovePodSandboxAsync(Id);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
        {
            // The test removed it already.
        }
    }
}
