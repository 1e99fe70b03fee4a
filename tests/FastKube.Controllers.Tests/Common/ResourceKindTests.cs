using FastKube.Api;
using FastKube.Client;
using FastKube.Client.Configuration;
using FastKube.Controllers.Common;

namespace FastKube.Controllers.Tests.Common;

public sealed class ResourceKindTests
{
    [Fact]
    public void All_CoversEveryServedKindInRegistryOrder()
    {
        using var client = new KubeClient(new KubeClientConfiguration { Server = new Uri("https://127.0.0.1:1") });

        Assert.Equal(KubeTypes.All.Select(t => t.Kind), ResourceKind.All(client).Select(k => k.Info.Kind));
    }
}
