using System.Text.Json;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>The installed kubectl against a real API server on loopback (in-memory store).</summary>
public sealed class KubectlTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task GetNamespaces_FreshServer_ListsTheSystemNamespaces()
    {
        var output = await Kubectl("get", "namespaces", "-o", "jsonpath={.items[*].metadata.name}");

        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], output.Split(' ').Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateConfigMapFromLiteral_ThenGetLabelPatchDelete_RoundTrips()
    {
        await KubectlWithInput("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"}}""", "create", "-f", "-");
        await KubectlWithInput("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"mode":"fast"}}""", "-n", "team-a", "create", "-f", "-");
        await Kubectl("-n", "team-a", "label", "configmap", "settings", "tier=gold");
        await Kubectl("-n", "team-a", "patch", "configmap", "settings", "--type", "merge", "-p", """{"data":{"extra":"1"}}""");

        using var json = JsonDocument.Parse(await Kubectl("-n", "team-a", "get", "configmap", "settings", "-o", "json"));
        var cm = json.RootElement;
        Assert.Equal("fast", cm.GetProperty("data").GetProperty("mode").GetString());
        Assert.Equal("1", cm.GetProperty("data").GetProperty("extra").GetString());
        Assert.Equal("gold", cm.GetProperty("metadata").GetProperty("labels").GetProperty("tier").GetString());
        Assert.Equal("settings", await Kubectl("-n", "team-a", "get", "configmaps", "-l", "tier=gold", "-o", "name").ContinueWith(t => t.Result.Trim().Replace("configmap/", "", StringComparison.Ordinal)));

        await Kubectl("-n", "team-a", "delete", "configmap", "settings");
        var (exit, _, error) = await _cluster.Kubectl(null, "-n", "team-a", "get", "configmap", "settings");
        Assert.NotEqual(0, exit);
        Assert.Contains("configmaps \"settings\" not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ServerSideTable_PrintsUpstreamColumns()
    {
        await KubectlWithInput("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"two"},"data":{"a":"1","b":"2"}}""", "create", "-f", "-");
        await KubectlWithInput("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":{"nodeName":"n1","containers":[{"name":"c","image":"busybox"}]}}""", "create", "-f", "-");

        var namespaces = Lines(await Kubectl("get", "namespaces"));
        var configMaps = Lines(await Kubectl("get", "configmaps"));
        var pods = Lines(await Kubectl("get", "pods", "-o", "wide"));

        Assert.Equal(["NAME", "STATUS", "AGE"], namespaces[0]);
        Assert.Contains(namespaces, row => row is ["default", "Active", _]);
        Assert.Equal(["NAME", "DATA", "AGE"], configMaps[0]);
        Assert.Contains(configMaps, row => row is ["two", "2", _]);
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES"], pods[0]);
        Assert.Contains(pods, row => row is ["web", "0/1", "Pending", "0", _, "<none>", "n1", "<none>", "<none>"]);
    }

    [Fact]
    public async Task CreateSubcommands_SendProtobuf_ObjectsAreStored()
    {
        await Kubectl("create", "namespace", "team-b");
        await Kubectl("-n", "team-b", "create", "configmap", "cfg", "--from-literal=mode=fast", "--from-literal=level=3");
        await Kubectl("-n", "team-b", "create", "secret", "generic", "creds", "--from-literal=password=s3cr3t");
        await Kubectl("-n", "team-b", "create", "serviceaccount", "robot");

        Assert.Equal("Active", await Kubectl("get", "namespace", "team-b", "-o", "jsonpath={.status.phase}"));
        Assert.Equal("fast 3", await Kubectl("-n", "team-b", "get", "configmap", "cfg", "-o", "jsonpath={.data.mode} {.data.level}"));
        Assert.Equal("s3cr3t", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(await Kubectl("-n", "team-b", "get", "secret", "creds", "-o", "jsonpath={.data.password}"))));
        Assert.Equal("Opaque", await Kubectl("-n", "team-b", "get", "secret", "creds", "-o", "jsonpath={.type}"));
        Assert.Equal("robot", await Kubectl("-n", "team-b", "get", "serviceaccount", "robot", "-o", "jsonpath={.metadata.name}"));
    }

    [Fact]
    public async Task CreateSubcommands_WorkloadKindsInProtobuf_AreDecodedDefaultedAndStored()
    {
        await Kubectl("create", "deployment", "web", "--image=nginx:1.27", "--replicas=3", "--port=8080");
        await Kubectl("create", "job", "once", "--image=busybox", "--", "sh", "-c", "echo hi");
        await Kubectl("create", "service", "nodeport", "front", "--tcp=80:http");
        await Kubectl("create", "poddisruptionbudget", "keep", "--selector=app=web", "--min-available=50%");
        await Kubectl("create", "priorityclass", "high", "--value=1000", "--description=important");

        Assert.Equal("3 nginx:1.27 8080 IfNotPresent RollingUpdate 25%", await Kubectl("get", "deployment", "web", "-o",
            "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort} {.spec.template.spec.containers[0].imagePullPolicy} {.spec.strategy.type} {.spec.strategy.rollingUpdate.maxSurge}"));
        Assert.Equal("sh -c echo hi Never", await Kubectl("get", "job", "once", "-o", "jsonpath={.spec.template.spec.containers[0].command[*]} {.spec.template.spec.restartPolicy}"));
        Assert.Equal("NodePort 80 http TCP", await Kubectl("get", "service", "front", "-o", "jsonpath={.spec.type} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.ports[0].protocol}"));
        Assert.Equal("50%", await Kubectl("get", "pdb", "keep", "-o", "jsonpath={.spec.minAvailable}"));
        Assert.Equal("1000 important", await Kubectl("get", "priorityclass", "high", "-o", "jsonpath={.value} {.description}"));
    }

    [Fact]
    public async Task Explain_PodSpecContainers_ListsTheModelledFieldsWithTheirTypes()
    {
        var output = await Kubectl("explain", "pod.spec.containers");

        Assert.Contains("FIELD: containers <[]Container>", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+env\s+<\[\]EnvVar>", output);
        Assert.Matches(@"(?m)^\s+livenessProbe\s+<Probe>", output);
        Assert.Matches(@"(?m)^\s+ports\s+<\[\]ContainerPort>", output);
        Assert.Contains("<map[string]string>", await Kubectl("explain", "deployment.spec.template.metadata.labels"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_EditedDeploymentTwice_MergesTheEdit()
    {
        static string Manifest(string image, int replicas) => """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"IMAGE"},{"name":"log","image":"busybox"}]}}}}
            """.Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("IMAGE", image, StringComparison.Ordinal);

        Assert.Contains("deployment.apps/web created", await KubectlWithInput(Manifest("nginx:1.25", 2), "apply", "-f", "-"), StringComparison.Ordinal);
        Assert.Contains("deployment.apps/web configured", await KubectlWithInput(Manifest("nginx:1.26", 3), "apply", "-f", "-"), StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await Kubectl("get", "deployment", "web", "-o", "json"));
        var spec = json.RootElement.GetProperty("spec");
        Assert.Equal(3, spec.GetProperty("replicas").GetInt32());
        Assert.Equal(["nginx:1.26", "busybox"], spec.GetProperty("template").GetProperty("spec").GetProperty("containers").EnumerateArray().Select(c => c.GetProperty("image").GetString()));
        Assert.Equal(2, json.RootElement.GetProperty("metadata").GetProperty("generation").GetInt32());

        Assert.Contains("deployment.apps/web scaled", await Kubectl("scale", "deployment", "web", "--replicas=5"), StringComparison.Ordinal);
        Assert.Equal("5", await Kubectl("get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"));

        // kubectl refuses negative replicas itself, so the server-side check is exercised directly.
        using var negative = new HttpRequestMessage(HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/web/scale")
        {
            Content = new StringContent("""{"spec":{"replicas":-1}}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        using var response = await _cluster.Admin.SendAsync(negative);
        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("5", await Kubectl("get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"));
    }

    [Fact]
    public async Task Apply_UnknownField_IsRejectedNamingIt()
    {
        var (exit, _, error) = await _cluster.Kubectl("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"odd"},"dta":{"a":"b"}}""", "apply", "-f", "-");

        Assert.NotEqual(0, exit);
        Assert.Contains("strict decoding error: unknown field \"dta\"", error, StringComparison.Ordinal);
    }

    private static List<string[]> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    [Fact]
    public async Task CreateInMissingNamespace_IsRefusedWithNotFound()
    {
        var (exit, _, error) = await _cluster.Kubectl("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""", "-n", "nowhere", "create", "-f", "-");

        Assert.NotEqual(0, exit);
        Assert.Contains("namespaces \"nowhere\" not found", error, StringComparison.Ordinal);
    }

    private Task<string> Kubectl(params string[] args) => KubectlWithInput(null, args);

    private async Task<string> KubectlWithInput(string? input, params string[] args)
    {
        var (exit, output, error) = await _cluster.Kubectl(input, args);
        Assert.True(exit == 0, $"kubectl {string.Join(' ', args)} failed ({exit}): {error}");
        return output;
    }
}
