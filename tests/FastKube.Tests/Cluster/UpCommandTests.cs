using System.Diagnostics;
using System.Text.RegularExpressions;
using FastKube.ApiServer.Tests.Hosting;

namespace FastKube.Tests.Cluster;

/// <summary><c>fastkube up</c> as a real process, driven by the installed kubectl, stopped with SIGTERM and restarted.</summary>
public sealed partial class UpCommandTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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
        await File.WriteAllTextAsync(config, $"apiVersion: fastkube.io/v1alpha1\nkind: ClusterConfiguration\ndataDir: {_dataDir}\napiServer:\n  port: 0\n");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "fastkube.dll"), "up", "--config", config })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = await Start(start);
        var namespaces = await Kubectl(stdin: null, "get", "namespaces", "-o", "name");
        await Stop(process);

        Assert.Contains("namespace/default", namespaces, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_BadPort_ExitsWithAnErrorNamingTheFlag()
    {
        using var process = Process.Start(StartInfo(port: "70000"))!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("apiServer.port: Invalid value: 70000: must be between 0 and 65535, inclusive", error, StringComparison.Ordinal);
    }

    private ProcessStartInfo StartInfo(string port = "0")
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "fastkube.dll"), "up", "--data-dir", _dataDir, "--port", port })
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private Task<Process> Start() => Start(StartInfo());

    private static async Task<Process> Start(ProcessStartInfo start)
    {
        var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(Patience);
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (ListeningLine().IsMatch(line))
            {
                return process;
            }
        }

        Assert.Fail($"fastkube up exited ({process.ExitCode}) before listening: {await process.StandardError.ReadToEndAsync()}");
        return process;
    }

    private static async Task Stop(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(Patience);
        var rest = await process.StandardOutput.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        Assert.Equal(0, process.ExitCode);
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
