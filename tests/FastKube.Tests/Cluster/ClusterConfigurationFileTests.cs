using FastKube.Cluster;

namespace FastKube.Tests.Cluster;

public sealed class ClusterConfigurationFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fastkube-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Load_RenderedDefaults_RoundTripToTheDefaults()
    {
        var defaults = new ClusterConfiguration();

        var (config, errors) = ClusterConfigurationFile.Load(Write(ClusterConfigurationFile.Render(defaults)));

        Assert.Empty(errors);
        Assert.Equal(ClusterConfigurationFile.Render(defaults), ClusterConfigurationFile.Render(config!));
    }

    [Fact]
    public void Load_PartialFile_KeepsDefaultsForTheRest()
    {
        var (config, errors) = ClusterConfigurationFile.Load(Write("apiServer:\n  port: 7443\n"));

        Assert.Empty(errors);
        Assert.Equal(7443, config!.ApiServer.Port);
        Assert.Equal("127.0.0.1", config.ApiServer.BindAddress);
        Assert.Equal(1024, config.Store.MaxBatchSize);
    }

    [Theory]
    [InlineData("apiServer:\n  prot: 5\n", ":2:3: unknown field \"prot\"")]
    [InlineData("apiServer:\n  port: abc\n", ":2:9: Invalid value:")]
    [InlineData("apiServer:\n  port: 70000\n", "apiServer.port: Invalid value: 70000: must be between 0 and 65535, inclusive")]
    [InlineData("apiServer:\n  serviceClusterIPRange: 10.96.0.0/33\n", "apiServer.serviceClusterIPRange: Invalid value: \"10.96.0.0/33\": must be an IPv4 CIDR with a prefix between /1 and /30, such as 10.96.0.0/12")]
    [InlineData("apiServer:\n  serviceNodePortRange: 32767-30000\n", "apiServer.serviceNodePortRange: Invalid value: \"32767-30000\": must be low-high within 1-65535, such as 30000-32767")]
    [InlineData("apiServer:\n  bindAddress: nowhere\n", "apiServer.bindAddress: Invalid value: \"nowhere\": must be an IPv4 or IPv6 address")]
    [InlineData("store:\n  maxBatchSize: 0\n", "store.maxBatchSize: Invalid value: 0: must be between 1 and 65536, inclusive")]
    [InlineData("controllerManager:\n  concurrentJobSyncs: 0\n", "controllerManager.concurrentJobSyncs: Invalid value: 0: must be between 1 and 1000, inclusive")]
    [InlineData("controllerManager:\n  nodeMonitorGracePeriodSeconds: 0\n", "controllerManager.nodeMonitorGracePeriodSeconds: Invalid value: 0: must be between 1 and 86400, inclusive")]
    [InlineData("kind: Pod\n", "kind: Unsupported value: \"Pod\": supported values: \"ClusterConfiguration\"")]
    [InlineData("dataDir: ''\n", "dataDir: Required value")]
    [InlineData("apiServer: [1, 2\n", ":")]
    public void Load_BadFile_NamesTheFieldAndValue(string yaml, string expected)
    {
        var path = Write(yaml);

        var (config, errors) = ClusterConfigurationFile.Load(path);

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith(path, StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OversizedFile_IsRefusedUnread()
    {
        var path = Path.Combine(_dir, "huge.yaml");
        using (var file = File.Create(path))
        {
            file.SetLength(2 * 1024 * 1024);
        }

        var (config, errors) = ClusterConfigurationFile.Load(path);

        Assert.Null(config);
        Assert.Contains("larger than", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_HaveNoErrors()
    {
        Assert.Empty(ClusterConfigurationFile.Validate(new ClusterConfiguration()));
    }

    [Fact]
    public void Validate_LeaderElectionOutOfOrder_NamesTheField()
    {
        var (_, errors) = ClusterConfigurationFile.Load(Write("controllerManager:\n  leaderElection:\n    leaseDuration: 5s\n    renewDeadline: 10s\n    retryPeriod: soon\n"));

        Assert.Equal(["controllerManager.leaderElection.retryPeriod: Invalid value: \"soon\": must be a positive duration such as 15s or 1m30s"], errors.Select(e => e[(e.IndexOf(' ', StringComparison.Ordinal) + 1)..]));
    }

    [Fact]
    public void Validate_LeaseNotLongerThanRenewDeadline_IsRefused()
    {
        var config = new ClusterConfiguration();
        config.ControllerManager.LeaderElection.LeaseDuration = "10s";

        Assert.Contains("controllerManager.leaderElection.leaseDuration: Invalid value: \"10s\": must be greater than renewDeadline (10s)", ClusterConfigurationFile.Validate(config));
    }

    [Fact]
    public void Validate_UnknownController_IsRefused()
    {
        var config = new ClusterConfiguration();
        config.ControllerManager.Controllers = ["*", "-bogus"];

        Assert.Contains(ClusterConfigurationFile.Validate(config), e => e.StartsWith("controllerManager.controllers: Invalid value: \"-bogus\"", StringComparison.Ordinal));
    }
}
