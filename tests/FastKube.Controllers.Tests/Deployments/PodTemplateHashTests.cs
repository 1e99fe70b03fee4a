using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.Deployments;

namespace FastKube.Controllers.Tests.Deployments;

public sealed class PodTemplateHashTests
{
    private static PodTemplateSpec Template(string image) => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
        Spec = new PodSpec { Containers = [new Container { Name = "web", Image = image }] },
    };

    [Fact]
    public void Compute_SameTemplate_SameValueInTheSafeAlphabet()
    {
        var hash = PodTemplateHash.Compute(Template("nginx:1.27"), null);

        Assert.Equal(hash, PodTemplateHash.Compute(Template("nginx:1.27"), null));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$", hash);
    }

    [Fact]
    public void Compute_DifferentTemplateOrCollisionCount_DifferentValue()
    {
        var hash = PodTemplateHash.Compute(Template("nginx:1.27"), null);

        Assert.NotEqual(hash, PodTemplateHash.Compute(Template("nginx:1.28"), null));
        Assert.NotEqual(hash, PodTemplateHash.Compute(Template("nginx:1.27"), 1));
        Assert.NotEqual(PodTemplateHash.Compute(Template("nginx:1.27"), 1), PodTemplateHash.Compute(Template("nginx:1.27"), 2));
    }
}
