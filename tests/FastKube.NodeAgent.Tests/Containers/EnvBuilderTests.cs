using FastKube.Api.Core;
using FastKube.Api.Resource;
using FastKube.NodeAgent.Containers;

namespace FastKube.NodeAgent.Tests.Containers;

public sealed class EnvBuilderTests
{
    private static readonly DownwardApiContext Context = new(
        ["10.244.1.5", "fd00::5"],
        ["192.168.0.10"],
        new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("4"), ["memory"] = Quantity.Parse("8Gi") });

    private readonly FakePodResourceSource _source = new FakePodResourceSource()
        .AddConfigMap("ns1", "cfg", new() { ["LEVEL"] = "debug", ["1bad"] = "x", ["mode"] = "fast" })
        .AddSecret("ns1", "creds", new() { ["password"] = "s3cret", ["bad key"] = "x" });

    private async Task<EnvResult> BuildAsync(Container container, Action<Pod>? mutatePod = null)
    {
        var pod = TestPods.Pod(mutatePod, container);
        return await new EnvBuilder(_source).BuildAsync(pod, container, Context, CancellationToken.None);
    }

    private static List<string> Render(EnvResult result) =>
        result.Variables.Select(kv => kv.Key + "=" + kv.Value.ToStringUtf8()).ToList();

    private static EnvVar Literal(string name, string value) => new() { Name = name, Value = value };

    private static EnvVar Field(string name, string path) =>
        new() { Name = name, ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = path } } };

    [Fact]
    public async Task BuildAsync_LiteralsReferencingEarlierVars_ExpandedInOrder()
    {
        var result = await BuildAsync(TestPods.Container(mutate: c => c.Env =
        [
            Literal("A", "one"),
            Literal("B", "$(A)-two"),
            Literal("C", "$(D) $$(A)"),
            Literal("D", "late"),
            Literal("A", "again"),
        ]));

        Assert.True(result.Succeeded);
        // A is redefined in place; C saw no D yet, and $$ escapes.
        Assert.Equal(["A=again", "B=one-two", "C=$(D) $(A)", "D=late"], Render(result));
    }

    [Fact]
    public async Task BuildAsync_EnvFromWithPrefix_SkipsInvalidKeysWithWarning()
    {
        var result = await BuildAsync(TestPods.Container(mutate: c =>
        {
            c.EnvFrom =
            [
                new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "cfg" } },
                new EnvFromSource { Prefix = "S_", SecretRef = new SecretEnvSource { Name = "creds" } },
            ];
            c.Env = [Literal("URL", "$(LEVEL)://$(S_password)")];
        }));

        Assert.True(result.Succeeded);
        Assert.Equal(["LEVEL=debug", "mode=fast", "S_password=s3cret", "URL=debug://s3cret"], Render(result));
        Assert.Equal(
            [
                "Keys [1bad] from the EnvFrom configMap ns1/cfg were skipped since they are considered invalid environment variable names.",
                "Keys [S_bad key] from the EnvFrom secret ns1/creds were skipped since they are considered invalid environment variable names.",
            ],
            result.Warnings);
    }

    public static TheoryData<string, EnvVarSource, string?> KeyRefCases => new()
    {
        { "configMap key", new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "cfg", Key = "mode" } }, null },
        { "missing configMap", new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "nope", Key = "mode" } }, "configmap \"nope\" not found" },
        { "missing configMap key", new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "cfg", Key = "nokey" } }, "couldn't find key nokey in ConfigMap ns1/cfg" },
        { "optional missing configMap", new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "nope", Key = "mode", Optional = true } }, null },
        { "optional missing configMap key", new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "cfg", Key = "nokey", Optional = true } }, null },
        { "secret key", new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "creds", Key = "password" } }, null },
        { "missing secret", new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "nope", Key = "password" } }, "secret \"nope\" not found" },
        { "missing secret key", new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "creds", Key = "nokey" } }, "couldn't find key nokey in Secret ns1/creds" },
        { "optional missing secret", new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "nope", Key = "k", Optional = true } }, null },
    };

    [Theory]
    [MemberData(nameof(KeyRefCases))]
    public async Task BuildAsync_KeyRef_ValueOrUpstreamError(string scenario, EnvVarSource source, string? expectedError)
    {
        var result = await BuildAsync(TestPods.Container(mutate: c => c.Env = [new EnvVar { Name = "X", ValueFrom = source }]));

        Assert.True(expectedError == result.Error, scenario + ": " + result.Error);
        if (expectedError is null)
        {
            bool optionalAbsent = source.ConfigMapKeyRef?.Optional == true || source.SecretKeyRef?.Optional == true;
            Assert.Equal(optionalAbsent ? [] : [source.SecretKeyRef is null ? "X=fast" : "X=s3cret"], Render(result));
        }
    }

    [Theory]
    [InlineData(false, "configmap \"gone\" not found")]
    [InlineData(true, null)]
    public async Task BuildAsync_EnvFromMissingObject_ErrorUnlessOptional(bool optional, string? expectedError)
    {
        var result = await BuildAsync(TestPods.Container(mutate: c =>
            c.EnvFrom = [new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "gone", Optional = optional } }]));

        Assert.Equal(expectedError, result.Error);
        Assert.Empty(result.Variables);
    }

    [Fact]
    public async Task BuildAsync_SameConfigMapTwice_ReadOnce()
    {
        await BuildAsync(TestPods.Container(mutate: c =>
        {
            c.EnvFrom = [new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "cfg" } }];
            c.Env = [new EnvVar { Name = "M", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "cfg", Key = "mode" } } }];
        }));

        Assert.Equal(1, _source.Reads);
    }

    [Theory]
    [InlineData("metadata.name", "web")]
    [InlineData("metadata.namespace", "ns1")]
    [InlineData("metadata.uid", "uid-1")]
    [InlineData("metadata.labels['app']", "web")]
    [InlineData("metadata.labels['missing']", "")]
    [InlineData("metadata.annotations['note']", "say \"hi\"\n")]
    [InlineData("metadata.labels", "app=\"web\"\ntier=\"front\"")]
    [InlineData("metadata.annotations", "note=\"say \\\"hi\\\"\\n\"")]
    [InlineData("spec.nodeName", "node-a")]
    [InlineData("spec.serviceAccountName", "default")]
    [InlineData("status.podIP", "10.244.1.5")]
    [InlineData("status.podIPs", "10.244.1.5,fd00::5")]
    [InlineData("status.hostIP", "192.168.0.10")]
    [InlineData("status.hostIPs", "192.168.0.10")]
    public async Task BuildAsync_FieldRef_ResolvesDownwardApi(string path, string expected)
    {
        var result = await BuildAsync(TestPods.Container(mutate: c => c.Env = [Field("F", path)]));

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Variables.Single().Value.ToStringUtf8());
    }

    [Theory]
    [InlineData("spec.hostname", "unsupported fieldPath: spec.hostname")]
    [InlineData("metadata.name['x']", "fieldPath \"metadata.name['x']\" does not support subscript")]
    public async Task BuildAsync_BadFieldRef_UpstreamError(string path, string expected)
    {
        var result = await BuildAsync(TestPods.Container(mutate: c => c.Env = [Field("F", path)]));

        Assert.Equal(expected, result.Error);
    }

    [Theory]
    [InlineData("limits.cpu", null, "3")]             // 2500m rounds up to 3 CPUs
    [InlineData("limits.cpu", "1m", "2500")]
    [InlineData("limits.cpu", "100m", "25")]
    [InlineData("requests.cpu", "1m", "250")]
    [InlineData("limits.memory", null, "536870912")]
    [InlineData("limits.memory", "1Mi", "512")]
    [InlineData("requests.memory", "1M", "269")]      // 256Mi = 268.435456 MB, rounded up
    [InlineData("requests.ephemeral-storage", null, "0")]
    public async Task BuildAsync_ResourceFieldRef_DividesAndRoundsUp(string resource, string? divisor, string expected)
    {
        var result = await BuildAsync(TestPods.Container(mutate: c =>
        {
            c.Resources = TestPods.Resources(cpuRequest: "250m", memoryRequest: "256Mi", cpuLimit: "2500m", memoryLimit: "512Mi");
            c.Env = [ResourceVar(resource, divisor)];
        }));

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Variables.Single().Value.ToStringUtf8());
    }

    [Theory]
    [InlineData("limits.cpu", "4")]
    [InlineData("limits.memory", "8589934592")]
    public async Task BuildAsync_ResourceFieldRefWithoutLimit_NodeAllocatable(string resource, string expected)
    {
        var result = await BuildAsync(TestPods.Container(mutate: c => c.Env = [ResourceVar(resource, null)]));

        Assert.Equal(expected, result.Variables.Single().Value.ToStringUtf8());
    }

    [Fact]
    public async Task BuildAsync_ResourceFieldRefOtherContainer_UsesThatContainer()
    {
        var sidecar = TestPods.Container("side", c => c.Resources = TestPods.Resources(cpuLimit: "500m"));
        var main = TestPods.Container(mutate: c => c.Env = [new EnvVar
        {
            Name = "R",
            ValueFrom = new EnvVarSource { ResourceFieldRef = new ResourceFieldSelector { ContainerName = "side", Resource = "limits.cpu", Divisor = Quantity.Parse("1m") } },
        }]);
        var pod = TestPods.Pod(null, main, sidecar);

        var result = await new EnvBuilder(_source).BuildAsync(pod, main, Context, CancellationToken.None);

        Assert.Equal("500", result.Variables.Single().Value.ToStringUtf8());
    }

    [Fact]
    public async Task BuildAsync_UnsupportedResource_UpstreamError()
    {
        var result = await BuildAsync(TestPods.Container(mutate: c => c.Env = [ResourceVar("limits.gpu", null)]));

        Assert.Equal("unsupported container resource : limits.gpu", result.Error);
    }

    private static EnvVar ResourceVar(string resource, string? divisor) => new()
    {
        Name = "R",
        ValueFrom = new EnvVarSource
        {
            ResourceFieldRef = new ResourceFieldSelector { Resource = resource, Divisor = divisor is null ? null : Quantity.Parse(divisor) },
        },
    };
}
