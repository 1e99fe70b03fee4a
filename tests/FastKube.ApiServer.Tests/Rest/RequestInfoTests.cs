using FastKube.ApiServer.Rest;

namespace FastKube.ApiServer.Tests.Rest;

public sealed class RequestInfoTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/default/pods", "", "list", "", "v1", "default", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods", "watch=true", "watch", "", "v1", "default", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web-1", "", "get", "", "v1", "default", "pods", "web-1", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web-1/log", "", "get", "", "v1", "default", "pods", "web-1", "log")]
    [InlineData("POST", "/api/v1/namespaces/default/pods/web-1/binding", "", "create", "", "v1", "default", "pods", "web-1", "binding")]
    [InlineData("GET", "/api/v1/namespaces", "", "list", "", "v1", "", "namespaces", "", "")]
    [InlineData("GET", "/api/v1/namespaces/kube-system", "", "get", "", "v1", "kube-system", "namespaces", "kube-system", "")]
    [InlineData("PUT", "/api/v1/namespaces/kube-system/finalize", "", "update", "", "v1", "kube-system", "namespaces", "kube-system", "finalize")]
    [InlineData("PUT", "/api/v1/namespaces/kube-system/status", "", "update", "", "v1", "kube-system", "namespaces", "kube-system", "status")]
    [InlineData("GET", "/api/v1/nodes", "", "list", "", "v1", "", "nodes", "", "")]
    [InlineData("GET", "/api/v1/pods", "watch=1", "watch", "", "v1", "", "pods", "", "")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/ns1/deployments/web/scale", "", "patch", "apps", "v1", "ns1", "deployments", "web", "scale")]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/ns1/deployments", "", "deletecollection", "apps", "v1", "ns1", "deployments", "", "")]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/ns1/deployments/web", "", "delete", "apps", "v1", "ns1", "deployments", "web", "")]
    [InlineData("GET", "/api/v1/watch/namespaces/ns1/pods", "", "watch", "", "v1", "ns1", "pods", "", "")]
    [InlineData("GET", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1", "", "get", "coordination.k8s.io", "v1", "kube-node-lease", "leases", "n1", "")]
    public void Parse_ResourcePath_MatchesUpstreamRequestInfo(string method, string path, string query, string verb, string group, string version, string ns, string resource, string name, string subresource)
    {
        var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

        var info = RequestInfo.Parse(method, path, key => parameters.GetValueOrDefault(key));

        Assert.Equal(new RequestInfo(verb, group, version, ns, resource, name, subresource), info);
    }

    [Theory]
    [InlineData("GET", "/version")]
    [InlineData("GET", "/api")]
    [InlineData("GET", "/api/v1")]
    [InlineData("GET", "/apis/apps/v1")]
    [InlineData("GET", "/apis")]
    [InlineData("OPTIONS", "/api/v1/pods")]
    public void Parse_NonResourcePath_ReturnsNull(string method, string path)
    {
        Assert.Null(RequestInfo.Parse(method, path, _ => null));
    }
}
