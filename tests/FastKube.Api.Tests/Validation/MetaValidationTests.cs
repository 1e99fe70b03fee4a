using FastKube.Api.Meta;
using FastKube.Api.Validation;

namespace FastKube.Api.Tests.Validation;

public sealed class MetaValidationTests
{
    private static FieldErrorList Validate(ObjectMeta meta, bool namespaced = true, NameValidator? rule = null)
    {
        var errs = new FieldErrorList();
        MetaValidation.ValidateObjectMeta(meta, namespaced, rule ?? MetaValidation.DnsSubdomain, errs);
        return errs;
    }

    [Fact]
    public void ValidateObjectMeta_Valid_NoErrors()
    {
        var meta = new ObjectMeta
        {
            Name = "web",
            Namespace = "default",
            Labels = new() { ["app.kubernetes.io/name"] = "web" },
            Annotations = new() { ["Example.com/Note"] = "anything goes here" },
            Finalizers = ["example.com/cleanup"],
            OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "web-1", Uid = "u1", Controller = true }],
        };
        Assert.Empty(Validate(meta));
    }

    [Fact]
    public void ValidateObjectMeta_MissingName_RequiredWithUpstreamDetail()
    {
        var error = Assert.Single(Validate(new ObjectMeta { Namespace = "default" }));
        Assert.Equal("metadata.name: Required value: name or generateName is required", error.ToString());
    }

    [Fact]
    public void ValidateObjectMeta_NamespaceRules_ByScope()
    {
        Assert.Equal("metadata.namespace: Required value", Assert.Single(Validate(new ObjectMeta { Name = "a" })).ToString());
        Assert.Equal("metadata.namespace: Forbidden: not allowed on this type",
            Assert.Single(Validate(new ObjectMeta { Name = "a", Namespace = "x" }, namespaced: false)).ToString());
        Assert.Equal("metadata.namespace", Assert.Single(Validate(new ObjectMeta { Name = "a", Namespace = "Bad_NS" })).Field);
    }

    [Fact]
    public void ValidateObjectMeta_GenerateNameTrailingDash_Allowed()
    {
        Assert.Empty(Validate(new ObjectMeta { Name = "web-abcde", GenerateName = "web-", Namespace = "d" }));
        Assert.Equal("metadata.generateName", Assert.Single(Validate(new ObjectMeta { Name = "web-abcde", GenerateName = "Web-", Namespace = "d" })).Field);
    }

    [Fact]
    public void ValidateObjectMeta_EveryProblem_AllReported()
    {
        var meta = new ObjectMeta
        {
            Name = "Bad_Name",
            Namespace = "default",
            Generation = -1,
            Labels = new() { ["bad key!"] = "-bad" },
            Annotations = new() { ["a/b/c"] = "" },
            Finalizers = ["orphan", "foregroundDeletion"],
            OwnerReferences =
            [
                new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "a", Uid = "1", Controller = true },
                new OwnerReference { ApiVersion = "", Kind = "ReplicaSet", Name = "b", Uid = "2", Controller = true },
            ],
        };
        var fields = Validate(meta).Select(e => e.Field).ToList();
        Assert.Equal(
            ["metadata.name", "metadata.generation", "metadata.labels", "metadata.labels", "metadata.annotations",
             "metadata.ownerReferences.apiVersion", "metadata.ownerReferences", "metadata.finalizers"],
            fields);
    }

    [Fact]
    public void ValidateObjectMeta_ServiceName_Dns1035Message()
    {
        var error = Assert.Single(Validate(new ObjectMeta { Name = "1web", Namespace = "d" }, rule: MetaValidation.Dns1035Label));
        Assert.Equal(
            "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            error.ToString());
    }

    [Fact]
    public void ValidateAnnotations_OverTotalSize_TooLong()
    {
        var errs = new FieldErrorList();
        MetaValidation.ValidateAnnotations(new() { ["big"] = new string('x', 256 * 1024) }, FieldPath.Root("metadata").Child("annotations"), errs);
        Assert.Equal("metadata.annotations: Too long: may not be more than 262144 bytes", Assert.Single(errs).ToString());
    }

    [Fact]
    public void ValidateObjectMetaUpdate_NameChanged_Immutable()
    {
        var errs = new FieldErrorList();
        MetaValidation.ValidateObjectMetaUpdate(new ObjectMeta { Name = "b", Namespace = "d" }, new ObjectMeta { Name = "a", Namespace = "d" }, errs);
        Assert.Equal("metadata.name: Invalid value: \"b\": field is immutable", Assert.Single(errs).ToString());
    }

    [Fact]
    public void ValidateLabelSelector_BadOperatorAndValues_AllReported()
    {
        var selector = new LabelSelector
        {
            MatchExpressions =
            [
                new LabelSelectorRequirement { Key = "a", Operator = "In" },
                new LabelSelectorRequirement { Key = "b", Operator = "Exists", Values = ["x"] },
                new LabelSelectorRequirement { Key = "c", Operator = "Near" },
            ],
        };
        var errs = new FieldErrorList();
        MetaValidation.ValidateLabelSelector(selector, FieldPath.Root("spec").Child("selector"), errs);
        Assert.Equal(
            ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
             "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
             "spec.selector.matchExpressions[2].operator: Invalid value: \"Near\": not a valid selector operator"],
            errs.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("In", true)]
    [InlineData("NotIn", false)]
    [InlineData("Exists", true)]
    [InlineData("DoesNotExist", false)]
    public void Matches_Expressions_Table(string op, bool expected)
    {
        var selector = new LabelSelector
        {
            MatchLabels = new() { ["app"] = "web" },
            MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = op, Values = op is "In" or "NotIn" ? ["front"] : null }],
        };
        Assert.Equal(expected, MetaValidation.Matches(selector, new() { ["app"] = "web", ["tier"] = "front" }));
    }

    [Fact]
    public void ToStatus_SeveralErrors_UpstreamInvalidShape()
    {
        var errs = new FieldErrorList();
        var container = FieldPath.Root("spec").Child("containers").Index(0);
        errs.Required(container.Child("image"));
        errs.NotSupported(container.Child("imagePullPolicy"), "Sometimes", ["Always", "IfNotPresent", "Never"]);
        var status = errs.ToStatus("Deployment", "apps", "web");
        Assert.Equal(422, status.Code);
        Assert.Equal("Failure", status.Outcome);
        Assert.Equal("Invalid", status.Reason);
        Assert.Equal(
            "Deployment.apps \"web\" is invalid: [spec.containers[0].image: Required value, spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"]",
            status.Message);
        Assert.Equal("web", status.Details!.Name);
        Assert.Equal("apps", status.Details.Group);
        Assert.Equal("Deployment", status.Details.Kind);
        var cause = status.Details.Causes![1];
        Assert.Equal("FieldValueNotSupported", cause.Reason);
        Assert.Equal("spec.containers[0].imagePullPolicy", cause.Field);
        Assert.Equal("Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"", cause.Message);
    }

    [Fact]
    public void ToStatus_OneError_NoBrackets()
    {
        var errs = new FieldErrorList();
        errs.Required(FieldPath.Root("spec").Child("containers").Index(0).Child("image"));
        Assert.Equal("Pod \"web\" is invalid: spec.containers[0].image: Required value", errs.ToStatus("Pod", "", "web").Message);
    }
}
