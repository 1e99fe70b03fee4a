using System.Diagnostics;

namespace FastKube.Tests.Cluster;

/// <summary>The controllers of <c>fastkube up</c> through kubectl, and <c>fastkube controller-manager</c> with leader election.</summary>
public sealed partial class UpCommandTests
{
    private async Task<string> KubectlUntil(Func<string, bool> done, params string[] args)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var output = await Kubectl(stdin: null, args);
            if (done(output))
            {
                return output;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"kubectl {string.Join(' ', args)} never got there; last output: {output}");
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Up_KubectlDeleteWithOrphanCascadeAndDeleteNamespace()
    {
        using var process = await Start();
        await Kubectl(stdin: null, "create", "namespace", "team");
        await Kubectl(stdin: null, "create", "deployment", "web", "--image=busybox", "--replicas=2", "-n", "team");
        await KubectlUntil(o => o.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 2, "get", "pods", "-n", "team", "-o", "name");

        // kubectl waits for the deployment to be gone, i.e. for the collector to orphan the ReplicaSet and drop the finalizer.
        await Kubectl(stdin: null, "delete", "deployment", "web", "-n", "team", "--cascade=orphan");
        var owners = await Kubectl(stdin: null, "get", "replicasets", "-n", "team", "-o", "jsonpath={range .items[*]}{.metadata.name}={.metadata.ownerReferences}{\"\\n\"}{end}");
        var pods = await Kubectl(stdin: null, "get", "pods", "-n", "team", "-o", "name");

        // kubectl delete namespace waits until the namespace object is gone.
        await Kubectl(stdin: null, "delete", "namespace", "team");
        var namespaces = await Kubectl(stdin: null, "get", "namespaces", "-o", "name");
        await Stop(process);

        Assert.Matches("^web-[a-z0-9]+=$", owners.Trim());
        Assert.Equal(2, pods.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("namespace/team", namespaces, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControllerManager_LeaderElection_TakesTheLeaseAndStopsOnSigterm()
    {
        using var up = await Start();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "fastkube.dll"), "controller-manager", "--kubeconfig", Path.Combine(_dataDir, "kubeconfig"), "--controllers", "serviceaccount" })
        {
            start.ArgumentList.Add(arg);
        }

        using var manager = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(Patience);
        string? line;
        while ((line = await manager.StandardOutput.ReadLineAsync(deadline.Token)) is not null && !line.Contains("running", StringComparison.Ordinal))
        {
        }

        var holder = await Kubectl(stdin: null, "get", "lease", "-n", "kube-system", "kube-controller-manager", "-o", "jsonpath={.spec.holderIdentity}");
        using (var kill = Process.Start("kill", ["-TERM", manager.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await manager.WaitForExitAsync(deadline.Token);
        await Stop(up);

        Assert.Equal("fastkube controller-manager: running serviceaccount", line);
        Assert.StartsWith(Environment.MachineName + "_", holder, StringComparison.Ordinal);
        Assert.Equal(0, manager.ExitCode);
    }
}
