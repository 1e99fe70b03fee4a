using System.Diagnostics;
using System.Text.RegularExpressions;
using FastKube.ApiServer.Tests.Hosting;
using FastKube.Tests.Support;

namespace FastKube.Tests.Cluster;

/// <summary><c>fastkube up</c> as a real process, driven by the installed kubectl, stopped with SIGTERM and restarted.</summary>
public sealed partial class UpCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("fastkube-up-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Up_ObjectsSurviveSigtermAndRestart()
    {
        using (var first = await Start())
        {
            await Kubectl(stdin: """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"durable"},"data":{"k":"v"}}""", "create", "-f", "-");
            await Stop(first);
        }

        using var second = await Start();
        var value = await Kubectl(stdin: null, "get", "configmap", "durable", "-o", "jsonpath={.data.k}");
        await Stop(second);

        Assert.Equal("v", value);
    }

    [Fact]
    public async Task Up_ConfigFile_SuppliesDataDirAndPort()
    {
        var config = Path.Combine(_dataDir, "cluster.yaml");
        await File.WriteAllTextAsync(config, $"apiVersion: fastkube.io/v1alpha1\nkind: ClusterConfiguration\ndataDir: {_dataDir}\napiServer:\n  port: 0\nnode:\n  runtime: none\n");
        using var process = await FastKubeProcess.StartAsync(FastKubeProcess.StartInfo("up", "--config", config), ListeningLine());
        var namespaces = await Kubectl(stdin: null, "get", "namespaces", "-o", "name");
        await Stop(process);

        Assert.Contains("namespace/default", namespaces, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_SimulatedNode_IsReadyAndRunsPods()
    {
        using var process = await Start();
        var ready = await FastKubeProcess.Eventually(() => Kubectl(stdin: null, "get", "nodes", "-o", "jsonpath={.items[*].status.conditions[?(@.type==\"Ready\")].status}"), value => value == "True");
        await Kubectl(stdin: null, "run", "hello", "--image=localhost/fastkube/busybox:latest", "--", "sh", "-c", "echo hi; sleep 30");
        var phase = await FastKubeProcess.Eventually(() => Kubectl(stdin: null, "get", "pod", "hello", "-o", "jsonpath={.status.phase}"), value => value == "Running");
        await Stop(process);

        Assert.Equal("True", ready);
        Assert.Equal("Running", phase);
    }

    [Fact]
    public async Task Up_BadNodeRuntime_ExitsNamingTheField()
    {
        var (exitCode, _, error) = await FastKubeProcess.RunAsync("up", "--data-dir", _dataDir, "--node-runtime", "docker");

        Assert.Equal(2, exitCode);
        Assert.Contains("node.runtime: Unsupported value: \"docker\": supported values: \"containerd\", \"remote\", \"simulated\", \"none\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_BadPort_ExitsWithAnErrorNamingTheFlag()
    {
        var (exitCode, _, error) = await FastKubeProcess.RunAsync("up", "--data-dir", _dataDir, "--port", "70000");

        Assert.Equal(2, exitCode);
        Assert.Contains("apiServer.port: Invalid value: 70000: must be between 0 and 65535, inclusive", error, StringComparison.Ordinal);
    }

    private Task<Process> Start() => FastKubeProcess.StartAsync(FastKubeProcess.StartInfo("up", "--data-dir", _dataDir, "--port", "0", "--node-runtime", "simulated"), ListeningLine());

    private static async Task Stop(Process process)
    {
        var (exitCode, rest, _) = await FastKubeProcess.StopAsync(process);
        Assert.Equal(0, exitCode);
        Assert.Contains("shutting down", rest, StringComparison.Ordinal);
    }

    private async Task<string> Kubectl(string? stdin, params string[] args)
    {
        var (exit, output, error) = await KubectlProcess.Run(Path.Combine(_dataDir, "kubeconfig"), stdin, args);
        Assert.True(exit == 0, $"kubectl {string.Join(' ', args)}: {error}");
        return output;
    }

    [GeneratedRegex("^fastkube: API server listening on https://")]
    private static partial Regex ListeningLine();
}
