using FastKube.Api.Coordination;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;
using FastKube.Api.Policy;
using FastKube.Api.Validation;
using SlicePort = FastKube.Api.Discovery.EndpointPort;

namespace FastKube.Api.Tests.Validation;

public sealed class ClusterValidationTests
{
    [Fact]
    public void ValidateNamespace_Rules()
    {
        Assert.Empty(Fixtures.Messages(Fixtures.Defaulted(new Namespace { Metadata = new ObjectMeta { Name = "team-a" } }, null)));
        Assert.Equal(["metadata.name FieldValueInvalid"], Fixtures.FieldReasons(new Namespace { Metadata = new ObjectMeta { Name = "team.a" } }));
        Assert.Equal(["metadata.namespace FieldValueForbidden"], Fixtures.FieldReasons(new Namespace { Metadata = new ObjectMeta { Name = "a", Namespace = "b" } }));
        Assert.Equal(
            "spec.finalizers: Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified",
            Assert.Single(Fixtures.Messages(new Namespace { Metadata = new ObjectMeta { Name = "a" }, Spec = new NamespaceSpec { Finalizers = ["custom"] } })));
    }

    [Fact]
    public void ValidateNode_TaintsAndCidrs()
    {
        var node = new Node
        {
            Metadata = new ObjectMeta { Name = "node-1.example" },
            Spec = new NodeSpec
            {
                PodCIDRs = ["10.244.0.0/24", "10.244.1.0/33"],
                Taints =
                [
                    new Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" },
                    new Taint { Key = "dedicated", Value = "x", Effect = "NoSchedule" },
                    new Taint { Key = "k", Effect = "" },
                ],
            },
        };
        Assert.Equal(
            ["spec.taints[1] FieldValueDuplicate", "spec.taints[2].effect FieldValueRequired", "spec.taints[2].effect FieldValueNotSupported", "spec.podCIDRs[1] FieldValueInvalid"],
            Fixtures.FieldReasons(node));
    }

    [Theory]
    [InlineData(15, null, null)]
    [InlineData(0, null, "spec.leaseDurationSeconds FieldValueInvalid")]
    [InlineData(15, -1, "spec.leaseTransitions FieldValueInvalid")]
    public void ValidateLease_Table(int duration, int? transitions, string? expected)
    {
        var lease = new Lease { Metadata = new ObjectMeta { Name = "kube-scheduler", Namespace = "kube-system" }, Spec = new LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = duration, LeaseTransitions = transitions } };
        Assert.Equal(expected is null ? [] : [expected], Fixtures.FieldReasons(lease));
    }

    [Fact]
    public void ValidateLease_ZeroDuration_UpstreamMessage() =>
        Assert.Equal(
            "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
            Assert.Single(Fixtures.Messages(new Lease { Metadata = new ObjectMeta { Name = "l", Namespace = "d" }, Spec = new LeaseSpec { LeaseDurationSeconds = 0 } })));

    [Theory]
    [InlineData("1", null, new string[0])]
    [InlineData("50%", null, new string[0])]
    [InlineData("1", "1", new[] { "spec FieldValueInvalid" })]
    [InlineData("150%", null, new[] { "spec.minAvailable FieldValueInvalid" })]
    [InlineData(null, "x%", new[] { "spec.maxUnavailable FieldValueInvalid" })]
    public void ValidatePodDisruptionBudget_Table(string? minAvailable, string? maxUnavailable, string[] expected)
    {
        var pdb = new PodDisruptionBudget
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new PodDisruptionBudgetSpec
            {
                MinAvailable = minAvailable is null ? (IntOrString?)null : IntOrString.Parse(minAvailable),
                MaxUnavailable = maxUnavailable is null ? (IntOrString?)null : IntOrString.Parse(maxUnavailable),
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
            },
        };
        Assert.Equal(expected, Fixtures.FieldReasons(pdb));
    }

    private static EndpointSlice Slice(string addressType, params string[] addresses) => new()
    {
        Metadata = new ObjectMeta { Name = "web-abc", Namespace = "default" },
        AddressType = addressType,
        Endpoints = [new Endpoint { Addresses = [.. addresses] }],
        Ports = [new SlicePort { Name = "http", Port = 80, Protocol = "TCP" }],
    };

    [Theory]
    [InlineData("IPv4", "10.0.0.1", null)]
    [InlineData("IPv4", "::1", "endpoints[0].addresses[0]: Invalid value: \"::1\": must be a valid IPv4 address")]
    [InlineData("IPv4", "127.0.0.1", "endpoints[0].addresses[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)")]
    [InlineData("IPv6", "2001:db8::1", null)]
    [InlineData("IPv6", "10.0.0.1", "endpoints[0].addresses[0]: Invalid value: \"10.0.0.1\": must be a valid IPv6 address")]
    [InlineData("FQDN", "web.example.com", null)]
    [InlineData("FQDN", "web", "endpoints[0].addresses[0]: Invalid value: \"web\": should be a domain with at least two segments separated by dots")]
    [InlineData("IPX", "10.0.0.1", "addressType: Unsupported value: \"IPX\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"")]
    public void ValidateEndpointSlice_AddressesByType(string type, string address, string? expected) =>
        Assert.Equal(expected is null ? [] : [expected], Fixtures.Messages(Slice(type, address)));

    [Fact]
    public void ValidateEndpointSlice_TooManyEndpointsAndBadPorts_Reported()
    {
        var slice = Slice("IPv4", "10.0.0.1");
        slice.Endpoints = [.. Enumerable.Range(0, 1001).Select(_ => new Endpoint { Addresses = ["10.0.0.1"] })];
        slice.Ports = [new SlicePort { Name = "http", Port = 80, Protocol = "TCP" }, new SlicePort { Name = "http", Port = 81, Protocol = "ICMP" }, new SlicePort { Name = "x", Port = 82 }];
        Assert.Equal(
            ["endpoints: Too many: 1001: must have at most 1000 items",
             "ports[1].name: Duplicate value: \"http\"",
             "ports[1].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
             "ports[2].protocol: Required value"],
            Fixtures.Messages(slice));
    }

    [Fact]
    public void ValidateEvent_NamespaceMismatch_Invalid()
    {
        var ev = new Event
        {
            Metadata = new ObjectMeta { Name = "web.1", Namespace = "default" },
            InvolvedObject = new ObjectReference { Kind = "Pod", Name = "web", Namespace = "prod" },
            Reason = "Started",
            Type = "Normal",
        };
        Assert.Equal("involvedObject.namespace: Invalid value: \"prod\": does not match event.namespace", Assert.Single(Fixtures.Messages(ev)));
        ev.InvolvedObject.Namespace = "default";
        Assert.Empty(Fixtures.Messages(ev));
    }

    [Fact]
    public void ValidateEvent_NewStyleMissingFields_AllRequired()
    {
        var ev = new Event
        {
            Metadata = new ObjectMeta { Name = "web.1", Namespace = "default" },
            InvolvedObject = new ObjectReference { Kind = "Pod", Name = "web", Namespace = "default" },
            EventTime = DateTimeOffset.UnixEpoch,
            Type = "Loud",
        };
        Assert.Equal(
            ["reportingComponent FieldValueRequired", "reportingComponent FieldValueInvalid", "reportingComponent FieldValueInvalid", "reportingInstance FieldValueRequired", "action FieldValueRequired", "reason FieldValueRequired", "type FieldValueInvalid"],
            Fixtures.FieldReasons(ev));
    }

    [Fact]
    public void ValidateServiceAccount_BadName_Invalid() =>
        Assert.Equal(["metadata.name FieldValueInvalid"], Fixtures.FieldReasons(new ServiceAccount { Metadata = new ObjectMeta { Name = "Robot", Namespace = "d" } }));

    [Fact]
    public void Validate_KindWithoutRules_MetadataChecked() =>
        Assert.Equal(["metadata.namespace FieldValueRequired"], Fixtures.FieldReasons(new PersistentVolumeClaim { Metadata = new ObjectMeta { Name = "data" } }));
}
