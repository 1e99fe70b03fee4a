using FastKube.Api.Core;
using FastKube.Cri.Containerd;
using FastKube.Api.Resource;
using FastKube.Client.Testing;
using FastKube.NodeAgent.Tests.Containers;
using FastKube.NodeAgent.Tests.Support;
using FastKube.NodeAgent.Volumes;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.NodeAgent.Tests.Volumes;

public sealed class VolumeManagerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fk-volumes-").FullName;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly FakePodResourceSource _resources = new();
    private readonly List<string> _failedMounts = [];
    private readonly VolumeManager _volumes;

    public VolumeManagerTests()
    {
        _volumes = new VolumeManager(_resources, _root, writeToDisk: true, "192.0.2.10",
            () => new Dictionary<string, Quantity> { ["memory"] = Quantity.Parse("8Gi") }, (_, m) => _failedMounts.Add(m), _time, NullLogger.Instance);
    }

    public void Dispose()
    {
        foreach (var mount in MountInfo.MountPointsUnder(_root))
        {
            LibC.Umount2(mount, LibC.MNT_DETACH);
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task SetUpAsync_EmptyDir_WorldWritableDirectoryUnderPodDir()
    {
        var pod = PodWith(new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() });

        var result = await _volumes.SetUpAsync(pod, default);

        Assert.True(result.Ready);
        var path = Path.Combine(_root, "pods", Uid(pod), "volumes", "kubernetes.io~empty-dir", "scratch");
        Assert.Equal(new PodVolume(path, false), result.Volumes["scratch"]);
        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(path));
        Assert.Equal(PodDirectories.PodsDirectoryMode, File.GetUnixFileMode(Path.Combine(_root, "pods", Uid(pod))));
    }

    [RootFact]
    public async Task SetUpAsync_MemoryEmptyDir_TmpfsWithSizeLimitUnmountedOnTearDown()
    {
        var pod = PodWith(new Volume { Name = "cache", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Quantity.Parse("4Mi") } });

        var result = await _volumes.SetUpAsync(pod, default);

        var path = result.Volumes["cache"].HostPath;
        Assert.Equal([path], MountInfo.MountPointsUnder(_root));
        Assert.Equal(4L << 20, new DriveInfo(path).TotalSize);

        _volumes.TearDown(Uid(pod));

        Assert.Empty(MountInfo.MountPointsUnder(_root));
        Assert.False(Directory.Exists(Path.Combine(_root, "pods", Uid(pod))));
    }

    [RootFact]
    public async Task SetUpAsync_SecretAfterRestartWithoutTmpfs_MountedAgain()
    {
        _resources.AddSecret("default", "creds", new() { ["password"] = "hunter2" });
        var pod = PodWith(new Volume { Name = "creds", Secret = new SecretVolumeSource { SecretName = "creds" } });
        var path = (await _volumes.SetUpAsync(pod, default)).Volumes["creds"].HostPath;
        Assert.Equal([path], MountInfo.MountPointsUnder(_root));
        LibC.Umount2(path, 0);
        var restarted = new VolumeManager(_resources, _root, writeToDisk: true, "192.0.2.10", () => new Dictionary<string, Quantity>(), (_, _) => { }, _time, NullLogger.Instance);

        await restarted.SetUpAsync(pod, default);

        Assert.Equal([path], MountInfo.MountPointsUnder(_root));
        Assert.Equal("hunter2", File.ReadAllText(Path.Combine(path, "password")));
    }

    [Theory]
    [InlineData(null, null, null, 8L << 30)]
    [InlineData("100Mi", "50Mi", null, 150L << 20)]
    [InlineData("100Mi", "50Mi", "64Mi", 64L << 20)]
    [InlineData("100Mi", "50Mi", "1Gi", 150L << 20)]
    [InlineData(null, null, "1Gi", 1L << 30)]
    public void MemoryVolumeSize_PodLimitAndSizeLimit_SmallestOfAllocatableLimitAndSizeLimit(string? app, string? sidecar, string? sizeLimit, long expected)
    {
        var pod = Support.TestPods.Make("web", "node-a", p =>
        {
            p.Spec!.Containers = [Support.TestPods.Container("app"), Support.TestPods.Container("sidecar")];
            foreach (var (container, limit) in p.Spec.Containers.Zip(new[] { app, sidecar }))
            {
                container.Resources = limit is null ? null : new ResourceRequirements { Limits = new() { ["memory"] = Quantity.Parse(limit) } };
            }
        });
        var source = new EmptyDirVolumeSource { Medium = "Memory", SizeLimit = sizeLimit is null ? null : Quantity.Parse(sizeLimit) };

        var size = VolumeManager.MemoryVolumeSize(pod, source, new Dictionary<string, Quantity> { ["memory"] = Quantity.Parse("8Gi") });

        Assert.Equal(expected, size);
    }

    [Fact]
    public async Task SetUpAsync_ConfigMapWithItems_FilesAtPathsWithModesReadOnly()
    {
        _resources.AddConfigMap("default", "settings", new() { ["a"] = "1", ["b"] = "2" });
        var pod = PodWith(new Volume
        {
            Name = "config",
            ConfigMap = new ConfigMapVolumeSource
            {
                Name = "settings",
                DefaultMode = 0x180, // 0600
                Items = [new KeyToPath { Key = "a", Path = "conf/a.txt" }, new KeyToPath { Key = "b", Path = "b", Mode = 0x124 }],
            },
        });

        var result = await _volumes.SetUpAsync(pod, default);

        var volume = result.Volumes["config"];
        Assert.True(volume.ReadOnly);
        Assert.EndsWith("/volumes/kubernetes.io~configmap/config", volume.HostPath, StringComparison.Ordinal);
        Assert.Equal("1", File.ReadAllText(Path.Combine(volume.HostPath, "conf", "a.txt")));
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(Path.Combine(volume.HostPath, "..data", "conf", "a.txt")));
        Assert.Equal((UnixFileMode)0x124, File.GetUnixFileMode(Path.Combine(volume.HostPath, "..data", "b")));
    }

    [Fact]
    public async Task SetUpAsync_SecretDefaultMode_Files0644WithoutItems()
    {
        _resources.AddSecret("default", "creds", new() { ["user"] = "admin", ["password"] = "hunter2" });
        var pod = PodWith(new Volume { Name = "creds", Secret = new SecretVolumeSource { SecretName = "creds" } });

        var result = await _volumes.SetUpAsync(pod, default);

        var path = result.Volumes["creds"].HostPath;
        Assert.EndsWith("/volumes/kubernetes.io~secret/creds", path, StringComparison.Ordinal);
        Assert.Equal("hunter2", File.ReadAllText(Path.Combine(path, "password")));
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(Path.Combine(path, "..data", "password")));
    }

    [Fact]
    public async Task SetUpAsync_MissingConfigMap_FailedMountThenReadyOnceCreated()
    {
        var pod = PodWith(new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "later" } });

        var first = await _volumes.SetUpAsync(pod, default);
        var second = await _volumes.SetUpAsync(pod, default);

        Assert.False(first.Ready);
        Assert.Equal(["MountVolume.SetUp failed for volume \"config\" : configmap \"later\" not found"], first.Errors);
        Assert.Equal(TimeSpan.FromMilliseconds(500), first.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), second.RetryAfter);
        Assert.Equal(2, _failedMounts.Count);

        _resources.AddConfigMap("default", "later", new() { ["k"] = "v" });
        var third = await _volumes.SetUpAsync(pod, default);

        Assert.True(third.Ready);
        Assert.Equal("v", File.ReadAllText(Path.Combine(third.Volumes["config"].HostPath, "k")));
    }

    [Fact]
    public async Task SetUpAsync_OptionalMissingSecretAndKey_ReadyAndEmpty()
    {
        _resources.AddConfigMap("default", "partial", new() { ["present"] = "1" });
        var pod = PodWith(
            new Volume { Name = "secret", Secret = new SecretVolumeSource { SecretName = "absent", Optional = true } },
            new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "partial", Optional = true, Items = [new KeyToPath { Key = "gone", Path = "gone" }] } });

        var result = await _volumes.SetUpAsync(pod, default);

        Assert.True(result.Ready);
        Assert.Equal(["..data"], Directory.EnumerateFileSystemEntries(result.Volumes["config"].HostPath).Select(Path.GetFileName).Where(n => !n!.StartsWith("..2", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SetUpAsync_MissingKeyNotOptional_UpstreamMessage()
    {
        _resources.AddConfigMap("default", "partial", new() { ["present"] = "1" });
        _resources.AddSecret("default", "creds", new() { ["user"] = "u" });
        var pod = PodWith(
            new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "partial", Items = [new KeyToPath { Key = "gone", Path = "gone" }] } },
            new Volume { Name = "secret", Secret = new SecretVolumeSource { SecretName = "creds", Items = [new KeyToPath { Key = "pw", Path = "pw" }] } });

        var result = await _volumes.SetUpAsync(pod, default);

        Assert.Equal(
            [
                "MountVolume.SetUp failed for volume \"config\" : configmap references non-existent config key: gone",
                "MountVolume.SetUp failed for volume \"secret\" : references non-existent secret key: pw",
            ],
            result.Errors);
    }

    [Fact]
    public async Task SetUpAsync_DownwardApi_MetadataAndResourceFiles()
    {
        var pod = PodWith(new Volume
        {
            Name = "info",
            DownwardAPI = new DownwardAPIVolumeSource
            {
                Items =
                [
                    new DownwardAPIVolumeFile { Path = "name", FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } },
                    new DownwardAPIVolumeFile { Path = "labels", FieldRef = new ObjectFieldSelector { FieldPath = "metadata.labels" } },
                    new DownwardAPIVolumeFile { Path = "mem", ResourceFieldRef = new ResourceFieldSelector { ContainerName = "app", Resource = "limits.memory", Divisor = Quantity.Parse("1Mi") } },
                ],
            },
        });
        pod.Metadata!.Labels = new() { ["tier"] = "web", ["app"] = "x" };

        var result = await _volumes.SetUpAsync(pod, default);

        var path = result.Volumes["info"].HostPath;
        Assert.EndsWith("/volumes/kubernetes.io~downward-api/info", path, StringComparison.Ordinal);
        Assert.Equal("web", File.ReadAllText(Path.Combine(path, "name")));
        Assert.Equal("app=\"x\"\ntier=\"web\"", File.ReadAllText(Path.Combine(path, "labels")));
        Assert.Equal("8192", File.ReadAllText(Path.Combine(path, "mem")));
    }

    [Fact]
    public async Task SetUpAsync_Projected_SourcesMergedServiceAccountTokenUnsupported()
    {
        _resources.AddConfigMap("default", "settings", new() { ["a"] = "1" });
        _resources.AddSecret("default", "creds", new() { ["s"] = "2" });
        var sources = new List<VolumeProjection>
        {
            new() { ConfigMap = new ConfigMapProjection { Name = "settings" } },
            new() { Secret = new SecretProjection { Name = "creds", Items = [new KeyToPath { Key = "s", Path = "sub/s" }] } },
            new() { DownwardAPI = new DownwardAPIProjection { Items = [new DownwardAPIVolumeFile { Path = "ns", FieldRef = new ObjectFieldSelector { FieldPath = "metadata.namespace" } }] } },
        };
        var pod = PodWith(
            new Volume { Name = "all", Projected = new ProjectedVolumeSource { Sources = sources, DefaultMode = 0x100 } },
            new Volume { Name = "token", Projected = new ProjectedVolumeSource { Sources = [new VolumeProjection { ServiceAccountToken = new ServiceAccountTokenProjection { Path = "token" } }] } });

        var result = await _volumes.SetUpAsync(pod, default);

        var path = result.Volumes["all"].HostPath;
        Assert.EndsWith("/volumes/kubernetes.io~projected/all", path, StringComparison.Ordinal);
        Assert.Equal(["1", "2", "default"], new[] { "a", "sub/s", "ns" }.Select(f => File.ReadAllText(Path.Combine(path, f))));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(path, "..data", "sub", "s")));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("MountVolume.SetUp failed for volume \"token\" : failed to fetch token:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetUpAsync_ConfigMapChanged_RefreshedOnlyAfterRefreshPeriod()
    {
        _resources.AddConfigMap("default", "settings", new() { ["a"] = "1", ["b"] = "2" });
        var pod = PodWith(new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "settings" } });
        var path = (await _volumes.SetUpAsync(pod, default)).Volumes["config"].HostPath;
        _resources.AddConfigMap("default", "settings", new() { ["a"] = "changed" });

        await _volumes.SetUpAsync(pod, default);
        Assert.Equal("1", File.ReadAllText(Path.Combine(path, "a")));

        _time.Advance(_volumes.RefreshPeriod);
        await _volumes.SetUpAsync(pod, default);

        Assert.Equal("changed", File.ReadAllText(Path.Combine(path, "a")));
        Assert.False(Path.Exists(Path.Combine(path, "b")));
    }

    [Fact]
    public async Task SetUpAsync_ConfigMapDeletedAfterSetUp_StaysReadyWithFailedMountEvent()
    {
        _resources.AddConfigMap("default", "settings", new() { ["a"] = "1" });
        var pod = PodWith(new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "settings" } });
        await _volumes.SetUpAsync(pod, default);
        _resources.Remove("default", "settings");
        _time.Advance(_volumes.RefreshPeriod);

        var result = await _volumes.SetUpAsync(pod, default);

        Assert.True(result.Ready);
        Assert.Single(_failedMounts);
        Assert.Equal("1", File.ReadAllText(Path.Combine(result.Volumes["config"].HostPath, "a")));
    }

    [Fact]
    public async Task SetUpAsync_HostPath_TypeCheckedAndNotUnderPodDir()
    {
        var missing = Path.Combine(_root, "host", "missing");
        var pod = PodWith(
            new Volume { Name = "logs", HostPath = new HostPathVolumeSource { Path = Path.Combine(_root, "host", "logs"), Type = "DirectoryOrCreate" } },
            new Volume { Name = "sock", HostPath = new HostPathVolumeSource { Path = missing, Type = "Socket" } });

        var result = await _volumes.SetUpAsync(pod, default);

        Assert.Equal(new PodVolume(Path.Combine(_root, "host", "logs"), false), result.Volumes["logs"]);
        Assert.Equal([$"MountVolume.SetUp failed for volume \"sock\" : hostPath type check failed: {missing} is not a socket file"], result.Errors);
    }

    [Fact]
    public async Task SetUpAsync_DirectoryOrCreateBlockedByFile_FailedMountNotAnException()
    {
        var blocker = Path.Combine(_root, "file");
        File.WriteAllText(blocker, "x");
        var pod = PodWith(new Volume { Name = "data", HostPath = new HostPathVolumeSource { Path = Path.Combine(blocker, "sub"), Type = "DirectoryOrCreate" } });

        var result = await _volumes.SetUpAsync(pod, default);

        Assert.StartsWith("MountVolume.SetUp failed for volume \"data\" : ", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TearDown_SymlinksToHostPath_TargetsSurvive()
    {
        var host = Directory.CreateDirectory(Path.Combine(_root, "host")).FullName;
        File.WriteAllText(Path.Combine(host, "precious"), "keep me");
        var pod = PodWith(new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() });
        var scratch = (await _volumes.SetUpAsync(pod, default)).Volumes["scratch"].HostPath;
        File.CreateSymbolicLink(Path.Combine(scratch, "to-dir"), host);
        File.CreateSymbolicLink(Path.Combine(scratch, "to-file"), Path.Combine(host, "precious"));
        Directory.CreateDirectory(Path.Combine(scratch, "nested"));
        File.CreateSymbolicLink(Path.Combine(scratch, "nested", "up"), "../../../../../../host");

        _volumes.TearDown(Uid(pod));

        Assert.False(Directory.Exists(Path.Combine(_root, "pods", Uid(pod))));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(host, "precious")));
    }

    [Fact]
    public async Task RemoveOrphans_UnknownPodDirectories_RemovedKnownKept()
    {
        var known = PodWith(new Volume { Name = "a", EmptyDir = new EmptyDirVolumeSource() });
        var orphan = PodWith(new Volume { Name = "a", EmptyDir = new EmptyDirVolumeSource() });
        await _volumes.SetUpAsync(known, default);
        await _volumes.SetUpAsync(orphan, default);

        var removed = _volumes.RemoveOrphans(new HashSet<string> { Uid(known) });

        Assert.Equal(1, removed);
        Assert.True(Directory.Exists(Path.Combine(_root, "pods", Uid(known))));
        Assert.False(Directory.Exists(Path.Combine(_root, "pods", Uid(orphan))));
    }

    [Fact]
    public async Task SetUpAsync_HollowNode_ChecksSourcesButWritesNothing()
    {
        var hollow = new VolumeManager(_resources, Path.Combine(_root, "hollow"), writeToDisk: false, "192.0.2.10",
            () => new Dictionary<string, Quantity>(), (_, m) => _failedMounts.Add(m), _time, NullLogger.Instance);
        var pod = PodWith(
            new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() },
            new Volume { Name = "host", HostPath = new HostPathVolumeSource { Path = "/nonexistent", Type = "Directory" } },
            new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "absent" } });

        var result = await hollow.SetUpAsync(pod, default);

        Assert.Equal(["MountVolume.SetUp failed for volume \"config\" : configmap \"absent\" not found"], result.Errors);
        Assert.False(Directory.Exists(Path.Combine(_root, "hollow")));
    }

    private static Pod PodWith(params Volume[] volumes) => Support.TestPods.Make("web", "node-a", p =>
    {
        p.Spec!.Volumes = [.. volumes];
        p.Spec.Containers![0].Resources = new ResourceRequirements();
    });

    private static string Uid(Pod pod) => pod.Metadata!.Uid!;
}
