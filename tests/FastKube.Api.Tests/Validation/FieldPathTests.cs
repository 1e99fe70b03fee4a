using FastKube.Api.Validation;

namespace FastKube.Api.Tests.Validation;

public sealed class FieldPathTests
{
    [Fact]
    public void ToString_ChildIndexKey_RendersLikeUpstream()
    {
        Assert.Equal("spec.containers[0].name", FieldPath.Root("spec").Child("containers").Index(0).Child("name").ToString());
        Assert.Equal("metadata.labels[app]", FieldPath.Root("metadata").Child("labels").Key("app").ToString());
        Assert.Equal("spec.volumes[12]", FieldPath.Root("spec").Child("volumes").Index(12).ToString());
        Assert.Equal("spec", FieldPath.Root("spec").ToString());
    }

    [Fact]
    public void ToString_SharedParent_BranchesAreIndependent()
    {
        var containers = FieldPath.Root("spec").Child("containers");
        var a = containers.Index(1).Child("image");
        var b = containers.Index(2).Child("ports");
        Assert.Equal("spec.containers[1].image", a.ToString());
        Assert.Equal("spec.containers[2].ports", b.ToString());
    }
}
