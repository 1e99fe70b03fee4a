namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>The installed kubectl's <c>apply --server-side</c> against a real API server on loopback.</summary>
public sealed class ServerSideApplyKubectlTests : IAsyncLifetime
{
    internal const string Manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web, tier: front}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: nginx:1.25
                ports: [{containerPort: 80}]
        """;

    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ApplyServerSide_Twice_IsIdempotent()
    {
        var first = await Kubectl(Manifest, "apply", "--server-side", "-f", "-");
        var rv = await Kubectl(null, "get", "deployment", "web", "-o", "jsonpath={.metadata.resourceVersion}");
        var second = await Kubectl(Manifest, "apply", "--server-side", "-f", "-");

        Assert.Equal("deployment.apps/web serverside-applied", first.Trim());
        Assert.Equal("deployment.apps/web serverside-applied", second.Trim());
        Assert.Equal(rv, await Kubectl(null, "get", "deployment", "web", "-o", "jsonpath={.metadata.resourceVersion}"));
    }

    [Fact]
    public async Task ApplyServerSide_ChangedImageAndDroppedLabel_UpdatesAndRemoves()
    {
        await Kubectl(Manifest, "apply", "--server-side", "-f", "-");

        var edited = Manifest.Replace("nginx:1.25", "nginx:1.27", StringComparison.Ordinal).Replace(", tier: front", "", StringComparison.Ordinal);
        await Kubectl(edited, "apply", "--server-side", "-f", "-");

        Assert.Equal("nginx:1.27", await Kubectl(null, "get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}"));
        Assert.Equal("""{"app":"web"}""", await Kubectl(null, "get", "deployment", "web", "-o", "jsonpath={.metadata.labels}"));
    }

    [Fact]
    public async Task ApplyServerSide_AfterScale_ConflictsUntilForced()
    {
        await Kubectl(Manifest, "apply", "--server-side", "-f", "-");
        await Kubectl(null, "scale", "deployment", "web", "--replicas=5");

        var (exit, _, error) = await _cluster.Kubectl(Manifest, "apply", "--server-side", "-f", "-");
        var forced = await Kubectl(Manifest, "apply", "--server-side", "--force-conflicts", "-f", "-");

        Assert.NotEqual(0, exit);
        // kubectl scale names no field manager: the server takes "kubectl" from its User-Agent.
        Assert.Contains("Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"scale\" using apps/v1: .spec.replicas", error, StringComparison.Ordinal);
        Assert.Contains("Please review the fields above--they currently have other managers.", error, StringComparison.Ordinal);
        Assert.Equal("deployment.apps/web serverside-applied", forced.Trim());
        Assert.Equal("2", await Kubectl(null, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"));
    }

    [Fact]
    public async Task ApplyServerSide_AfterClientSideApplyWithOtherReplicas_ConflictsWithClientSideApply()
    {
        await Kubectl(Manifest, "apply", "-f", "-");

        var (exit, _, error) = await _cluster.Kubectl(Manifest.Replace("replicas: 2", "replicas: 4", StringComparison.Ordinal), "apply", "--server-side", "-f", "-");

        Assert.NotEqual(0, exit);
        Assert.Contains("conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyServerSide_EveryCommonKindTwice_CreatesThenChangesNothing()
    {
        const string Kinds = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cfg, namespace: shop}
            data: {mode: fast}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds, namespace: shop}
            stringData: {password: s3cr3t}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: robot, namespace: shop}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}, {name: dns, port: 53, protocol: UDP}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: solo, namespace: shop}
            spec:
              containers: [{name: c, image: busybox, env: [{name: A, value: "1"}]}]
              tolerations: [{key: dedicated, operator: Exists}]
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: shop}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: a, image: busybox, volumeMounts: [{name: data, mountPath: /data}]}], volumes: [{name: data, emptyDir: {}}]}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            spec:
              serviceName: db
              replicas: 1
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: db, image: busybox, ports: [{containerPort: 5432}]}]}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: once, namespace: shop}
            spec:
              template:
                spec: {restartPolicy: Never, containers: [{name: j, image: busybox, command: [sh, -c, "echo hi"]}]}
            """;
        const string Versions = "jsonpath={range .items[*]}{.kind}/{.metadata.name}={.metadata.resourceVersion} {end}";
        const string Resources = "configmap,secret,serviceaccount,service,pod,daemonset,statefulset,job";

        var first = await Kubectl(Kinds, "apply", "--server-side", "-f", "-");
        var before = await Kubectl(null, "-n", "shop", "get", Resources, "-o", Versions);
        var second = await Kubectl(Kinds, "apply", "--server-side", "-f", "-");

        Assert.Equal(9, first.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.EndsWith("serverside-applied", StringComparison.Ordinal)));
        Assert.Equal(9, second.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.EndsWith("serverside-applied", StringComparison.Ordinal)));
        Assert.Equal(before, await Kubectl(null, "-n", "shop", "get", Resources, "-o", Versions));
        Assert.Equal("TCP UDP", await Kubectl(null, "-n", "shop", "get", "service", "web", "-o", "jsonpath={.spec.ports[*].protocol}"));
    }

    [Fact]
    public async Task GetWithShowManagedFields_ListsTheApplyEntry()
    {
        await Kubectl(Manifest, "apply", "--server-side", "-f", "-");

        var shown = await Kubectl(null, "get", "deployment", "web", "-o", "yaml", "--show-managed-fields");
        var hidden = await Kubectl(null, "get", "deployment", "web", "-o", "yaml");

        Assert.Contains("managedFields:", shown, StringComparison.Ordinal);
        Assert.Contains("manager: kubectl", shown, StringComparison.Ordinal);
        Assert.Contains("operation: Apply", shown, StringComparison.Ordinal);
        Assert.Contains("k:{\"containerPort\":80,\"protocol\":\"TCP\"}", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields:", hidden, StringComparison.Ordinal);
    }

    private async Task<string> Kubectl(string? stdin, params string[] args)
    {
        var (exit, output, error) = await _cluster.Kubectl(stdin, args);
        Assert.True(exit == 0, $"kubectl {string.Join(' ', args)} exited {exit}: {error}");
        return output;
    }
}
