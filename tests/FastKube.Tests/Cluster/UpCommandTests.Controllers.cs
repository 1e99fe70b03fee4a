using System.Diagnostics;
using FastKube.Tests.Support;

namespace FastKube.Tests.Cluster;

/// <summary>The controllers of <c>fastkube up</c> through kubectl, and <c>fastkube controller-manager</c> with leader election.</summary>
public sealed partial class UpCommandTests
{
    [Fact]
    public async Task Up_KubectlDeleteWithOrphanCascadeAndDeleteNamespace()
    {
        using var process = await Start();
        await Kubectl(stdin: null, "create", "namespace", "team");
        await Kubectl(stdin: null, "create", "deployment", "web", "--image=busybox", "--replicas=2", "-n", "team");
        await FastKubeProcess.Eventually(() => Kubectl(stdin: null, "get", "pods", "-n", "team", "-o", "name"), o => o.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 2);

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
        using var manager = Process.Start(FastKubeProcess.StartInfo("controller-manager", "--kubeconfig", Path.Combine(_dataDir, "kubeconfig"), "--controllers", "serviceaccount"))!;
        using var deadline = new CancellationTokenSource(FastKubeProcess.Patience);
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
