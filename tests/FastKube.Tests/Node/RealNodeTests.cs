using System.Net;
using FastKube.Tests.Support;

namespace FastKube.Tests.Node;

/// <summary>
/// The whole single-node cluster as a user meets it: <c>fastkube up</c> on real containerd, the installed
/// kubectl, and HTTP from this process to pod IPs (over the node's CNI bridge) and ClusterIPs (through the
/// proxy's nf_tables rules). Pods serve files with busybox httpd so what a container sees is observable.
/// </summary>
[Collection(RealNodeCluster.Collection)]
public sealed class RealNodeTests(RealNodeCluster cluster)
{
    [RealNodeFact]
    public async Task Up_RealNode_RunsTheProxyAndTheKubernetesService()
    {
        var ip = await cluster.Kubectl(null, "get", "svc", "kubernetes", "-o", "jsonpath={.spec.clusterIP}");

        Assert.Contains(cluster.Startup, line => line.StartsWith("fastkube: service proxy running", StringComparison.Ordinal));
        Assert.Contains(cluster.Startup, line => line.StartsWith("fastkube: node agent running", StringComparison.Ordinal) && line.Contains("on containerd", StringComparison.Ordinal));
        Assert.Equal("10.96.0.1", ip);
    }

    [RealNodeFact]
    public async Task Deployment_ExposedAsClusterIP_ConnectionsReachEveryReplica()
    {
        await cluster.Kubectl("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: httpd
                    image: IMAGE
                    imagePullPolicy: Never
                    command: [httpd, -f, -p, "8080", -h, /etc]
            """.Replace("IMAGE", RealNodeCluster.Image, StringComparison.Ordinal), "apply", "-f", "-");
        await cluster.Kubectl(null, "expose", "deployment", "web", "--port=80", "--target-port=8080");
        await cluster.Kubectl(null, "rollout", "status", "deployment/web", "--timeout=120s");
        var clusterIP = await cluster.Kubectl(null, "get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}");
        var pods = (await cluster.Kubectl(null, "get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].metadata.name}")).Split(' ');

        var seen = new HashSet<string>();
        for (var i = 0; i < 40 && seen.Count < 2; i++)
        {
            seen.Add((await RealNodeCluster.GetAsync($"http://{clusterIP}/hostname")).Trim());
        }

        Assert.True(IPNetwork.Parse("10.96.0.0/12").Contains(IPAddress.Parse(clusterIP)), clusterIP);
        Assert.Equal(pods.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [RealNodeFact]
    public async Task Pod_VolumesAndEnv_AreWhatTheContainersSee()
    {
        await cluster.Kubectl(null, "create", "configmap", "settings", "--from-literal=greeting=hello");
        await cluster.Kubectl(null, "create", "secret", "generic", "credentials", "--from-literal=token=s3cr3t");
        await cluster.Kubectl("""
            apiVersion: v1
            kind: Pod
            metadata: {name: files}
            spec:
              terminationGracePeriodSeconds: 2
              initContainers:
              - name: init
                image: IMAGE
                imagePullPolicy: Never
                command: [sh, -c, "echo from-init > /www/init"]
                volumeMounts: [{name: www, mountPath: /www}]
              containers:
              - name: httpd
                image: IMAGE
                imagePullPolicy: Never
                env:
                - name: GREETING
                  valueFrom: {configMapKeyRef: {name: settings, key: greeting}}
                command: [sh, -c, "echo $GREETING > /www/env; cat /cfg/greeting > /www/cm; cat /sec/token > /www/secret; exec httpd -f -p 8080 -h /www"]
                volumeMounts:
                - {name: www, mountPath: /www}
                - {name: cfg, mountPath: /cfg}
                - {name: sec, mountPath: /sec, readOnly: true}
              - name: sidecar
                image: IMAGE
                imagePullPolicy: Never
                command: [sh, -c, "echo from-sidecar > /www/side; exec sleep 3600"]
                volumeMounts: [{name: www, mountPath: /www}]
              volumes:
              - {name: www, emptyDir: {}}
              - {name: cfg, configMap: {name: settings}}
              - {name: sec, secret: {secretName: credentials}}
            """.Replace("IMAGE", RealNodeCluster.Image, StringComparison.Ordinal), "apply", "-f", "-");
        await cluster.Kubectl(null, "wait", "--for=condition=Ready", "pod/files", "--timeout=120s");
        var podIP = await cluster.Kubectl(null, "get", "pod", "files", "-o", "jsonpath={.status.podIP}");

        Assert.Equal("from-init\n", await RealNodeCluster.GetAsync($"http://{podIP}:8080/init"));
        Assert.Equal("hello\n", await RealNodeCluster.GetAsync($"http://{podIP}:8080/env"));
        Assert.Equal("hello", await RealNodeCluster.GetAsync($"http://{podIP}:8080/cm"));
        Assert.Equal("s3cr3t", await RealNodeCluster.GetAsync($"http://{podIP}:8080/secret"));
        Assert.Equal("from-sidecar\n", await RealNodeCluster.GetAsync($"http://{podIP}:8080/side"));
    }
}
