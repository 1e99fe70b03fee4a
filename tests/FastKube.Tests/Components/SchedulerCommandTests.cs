using System.Diagnostics;
using System.Text.RegularExpressions;
using FastKube.ApiServer.Tests.Hosting;
using FastKube.Tests.Support;

namespace FastKube.Tests.Components;

/// <summary><c>fastkube scheduler</c> as its own process against a cluster started by <c>fastkube up</c>.</summary>
public sealed partial class SchedulerCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("fastkube-scheduler-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Scheduler_OwnProfile_BindsItsPodsWhileHoldingItsLease()
    {
        // up's in-process scheduler only takes pods naming default-scheduler; this one takes the other profile's.
        var config = Path.Combine(_dataDir, "scheduler.yaml");
        await File.WriteAllTextAsync(config, """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            leaderElection:
              resourceName: second-scheduler
            profiles:
            - schedulerName: second-scheduler
            """);
        using var cluster = await FastKubeProcess.StartAsync(FastKubeProcess.StartInfo("up", "--data-dir", _dataDir, "--port", "0", "--node-runtime", "none"), ListeningLine());
        using var scheduler = Process.Start(FastKubeProcess.StartInfo("scheduler", "--kubeconfig", Kubeconfig, "--config", config))!;

        await Kubectl("""{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"},"status":{"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},"capacity":{"cpu":"4","memory":"8Gi","pods":"110"}}}""", "create", "-f", "-");
        await Kubectl("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"schedulerName":"second-scheduler","containers":[{"name":"c","image":"busybox"}]}}""", "create", "-f", "-");
        var node = await FastKubeProcess.Eventually(() => Kubectl(null, "get", "pod", "p", "-o", "jsonpath={.spec.nodeName}"), value => value == "n1");
        var holder = await Kubectl(null, "get", "lease", "-n", "kube-system", "second-scheduler", "-o", "jsonpath={.spec.holderIdentity}");
        var (exitCode, _, log) = await FastKubeProcess.StopAsync(scheduler);
        await FastKubeProcess.StopAsync(cluster);

        Assert.Equal("n1", node);
        Assert.StartsWith(Environment.MachineName + "_", holder, StringComparison.Ordinal);
        Assert.True(exitCode == 0, $"exit code {exitCode}: {log}");
    }

    [Fact]
    public async Task SchedulerConfigDefaults_ValidatesAsAFile()
    {
        var (exitCode, defaults, _) = await FastKubeProcess.RunAsync("scheduler", "config", "defaults");
        var file = Path.Combine(_dataDir, "defaults.yaml");
        await File.WriteAllTextAsync(file, defaults);

        var (validExit, output, _) = await FastKubeProcess.RunAsync("scheduler", "config", "validate", file);

        Assert.Equal(0, exitCode);
        Assert.Contains("leaderElection:\n  leaderElect: true\n  leaseDuration: 15s", defaults, StringComparison.Ordinal);
        Assert.Equal(0, validExit);
        Assert.Contains("valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduler_BadConfig_ExitsNamingTheField()
    {
        var file = Path.Combine(_dataDir, "bad.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nleaderElection:\n  renewDeadline: forever\n");

        var (exitCode, _, error) = await FastKubeProcess.RunAsync("scheduler", "--kubeconfig", "/nonexistent", "--config", file);

        Assert.Equal(2, exitCode);
        Assert.Contains("leaderElection.renewDeadline: Invalid value: \"forever\": must be a duration such as 15s, 2m0s or 500ms (units ns, us, ms, s, m, h)", error, StringComparison.Ordinal);
    }

    private string Kubeconfig => Path.Combine(_dataDir, "kubeconfig");

    private async Task<string> Kubectl(string? stdin, params string[] args)
    {
        var (exit, output, error) = await KubectlProcess.Run(Kubeconfig, stdin, args);
        Assert.True(exit == 0, $"kubectl {string.Join(' ', args)}: {error}");
        return output;
    }

    [GeneratedRegex("^fastkube: API server listening on https://")]
    private static partial Regex ListeningLine();
}
