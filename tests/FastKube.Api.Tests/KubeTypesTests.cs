using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Tests;

public sealed class KubeTypesTests
{
    [Fact]
    public void TryGetByResource_Pods_DescribesCorePods()
    {
        Assert.True(KubeTypes.TryGetByResource("", "v1", "pods", out KubeTypeInfo? info));

        Assert.Equal("Pod", info.Kind);
        Assert.Equal("v1", info.ApiVersion);
        Assert.True(info.Namespaced);
        Assert.Equal(typeof(Pod), info.Type);
        Assert.Equal(typeof(PodList), info.ListType);
        Assert.Equal("PodList", info.ListKind);
        Assert.Contains("po", info.ShortNames);
    }

    [Fact]
    public void TryGetByKind_Deployment_HasScaleAndStatus()
    {
        Assert.True(KubeTypes.TryGetByKind("apps", "v1", "Deployment", out KubeTypeInfo? info));

        Assert.Equal("deployments", info.Resource);
        Assert.Equal("apps/v1", info.ApiVersion);
        Assert.True(info.HasScale);
        Assert.True(info.HasStatus);
        Assert.Contains("all", info.Categories);
    }

    [Fact]
    public void TryGetByType_ListType_FindsEntry()
    {
        Assert.True(KubeTypes.TryGetByType(typeof(DeploymentList), out KubeTypeInfo? info));
        Assert.Equal("Deployment", info.Kind);
        Assert.False(KubeTypes.TryGetByType(typeof(Status), out _));
        Assert.False(KubeTypes.TryGetByResource("", "v1", "deployments", out _));
    }

    [Theory]
    [InlineData("nodes")]
    [InlineData("namespaces")]
    [InlineData("priorityclasses")]
    public void ClusterScopedResources_AreNotNamespaced(string resource)
    {
        KubeTypeInfo info = KubeTypes.All.Single(t => t.Resource == resource);

        Assert.False(info.Namespaced);
    }

    [Fact]
    public void All_Entries_MatchTheirTypesConstantsAndSerialize()
    {
        foreach (KubeTypeInfo info in KubeTypes.All)
        {
            Assert.Equal(info.Kind, info.Type.GetField("KindName")!.GetValue(null));
            Assert.Equal(info.ApiVersion, info.Type.GetField("GroupVersion")!.GetValue(null));
            Assert.Equal(info.ListKind, info.ListType.GetField("KindName")!.GetValue(null));
            Assert.True(info.Type.IsAssignableTo(typeof(KubeObject)));
            Assert.True(info.ListType.IsAssignableTo(typeof(KubeList)));

            // Every registered type has source-generated metadata (no reflection fallback exists).
            object empty = KubeJson.Deserialize("{}"u8, info.Type)!;
            Assert.IsType(info.Type, empty);
            Assert.NotNull(KubeJson.Deserialize("""{"items":[{}]}"""u8, info.ListType));
        }
    }
}
