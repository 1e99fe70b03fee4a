using System.Text.Json;
using FastKube.Api;
using FastKube.ApiServer.Discovery;

namespace FastKube.ApiServer.Tests.Discovery;

public sealed class OpenApiDocumentsTests
{
    private static readonly OpenApiDocuments Documents = new(KubeTypes.All);

    private static JsonElement Schemas(string path)
    {
        Assert.True(Documents.TryGet(path, out var document), path);
        return JsonDocument.Parse(document).RootElement.GetProperty("components").GetProperty("schemas");
    }

    [Fact]
    public void Root_PointsAtEveryGroupVersionDocumentWithItsHash()
    {
        Assert.True(Documents.TryGet("/openapi/v3", out var root));
        var paths = JsonDocument.Parse(root).RootElement.GetProperty("paths");

        Assert.StartsWith("/openapi/v3/apis/apps/v1?hash=", paths.GetProperty("apis/apps/v1").GetProperty("serverRelativeURL").GetString(), StringComparison.Ordinal);
        Assert.True(paths.TryGetProperty("api/v1", out _));
    }

    [Fact]
    public void Schemas_Kind_CarriesItsGroupVersionKind()
    {
        var deployment = Schemas("/openapi/v3/apis/apps/v1").GetProperty("io.k8s.api.apps.v1.Deployment");

        var gvk = Assert.Single(deployment.GetProperty("x-kubernetes-group-version-kind").EnumerateArray());
        Assert.Equal(("apps", "Deployment", "v1"), (gvk.GetProperty("group").GetString(), gvk.GetProperty("kind").GetString(), gvk.GetProperty("version").GetString()));
    }

    [Fact]
    public void Schemas_ReachableTypes_AreIncludedWithJsonNamesTypesAndPatchStrategies()
    {
        var schemas = Schemas("/openapi/v3/api/v1");

        var containers = schemas.GetProperty("io.k8s.api.core.v1.PodSpec").GetProperty("properties").GetProperty("containers");
        Assert.Equal("array", containers.GetProperty("type").GetString());
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.Container", containers.GetProperty("items").GetProperty("allOf")[0].GetProperty("$ref").GetString());
        Assert.Equal(("merge", "name"), (containers.GetProperty("x-kubernetes-patch-strategy").GetString(), containers.GetProperty("x-kubernetes-patch-merge-key").GetString()));
        Assert.Equal("map", containers.GetProperty("x-kubernetes-list-type").GetString());
        Assert.Equal("""["containerPort","protocol"]""", schemas.GetProperty("io.k8s.api.core.v1.Container").GetProperty("properties").GetProperty("ports").GetProperty("x-kubernetes-list-map-keys").GetRawText());

        var port = schemas.GetProperty("io.k8s.api.core.v1.ServicePort").GetProperty("properties");
        Assert.True(port.GetProperty("targetPort").GetProperty("x-kubernetes-int-or-string").GetBoolean());
        Assert.Equal("int32", port.GetProperty("port").GetProperty("format").GetString());
        Assert.Equal("date-time", schemas.GetProperty("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").GetProperty("properties").GetProperty("creationTimestamp").GetProperty("format").GetString());
        Assert.Equal("string", schemas.GetProperty("io.k8s.apimachinery.pkg.api.resource.Quantity").GetProperty("type").GetString());
    }
}
