using System.Text;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Validation;

namespace FastKube.Api.Tests.Validation;

public sealed class ConfigValidationTests
{
    private static ConfigMap ConfigMap(Action<ConfigMap>? mutate = null) =>
        Fixtures.Defaulted(new ConfigMap { Metadata = new ObjectMeta { Name = "cfg", Namespace = "default" }, Data = new() { ["app.yaml"] = "a: 1" } }, mutate);

    private static Secret Secret(Action<Secret>? mutate = null) =>
        Fixtures.Defaulted(new Secret { Metadata = new ObjectMeta { Name = "s", Namespace = "default" }, Data = new() { ["password"] = "x"u8.ToArray() } }, mutate);

    [Fact]
    public void Validate_ValidConfigMapAndSecret_NoErrors()
    {
        Assert.Empty(Fixtures.Messages(ConfigMap()));
        Assert.Empty(Fixtures.Messages(Secret()));
    }

    [Fact]
    public void ValidateConfigMap_BadKeyAndDuplicate_BothReported()
    {
        var cm = ConfigMap(c =>
        {
            c.Data!["bad/key"] = "";
            c.BinaryData = new() { ["app.yaml"] = [1] };
        });
        Assert.Equal(
            ["data[app.yaml]: Invalid value: \"app.yaml\": duplicate of key present in binaryData",
             "data[bad/key]: Invalid value: \"bad/key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"],
            Fixtures.Messages(cm).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ValidateConfigMap_OverOneMiB_TooLong()
    {
        var cm = ConfigMap(c => c.Data!["big"] = new string('x', 1024 * 1024));
        Assert.Equal(": Too long: may not be more than 1048576 bytes", Assert.Single(Fixtures.Messages(cm)));
    }

    [Theory]
    [InlineData("kubernetes.io/tls", new[] { "data[tls.crt] FieldValueRequired", "data[tls.key] FieldValueRequired" })]
    [InlineData("kubernetes.io/dockerconfigjson", new[] { "data[.dockerconfigjson] FieldValueRequired" })]
    [InlineData("kubernetes.io/basic-auth", new string[0])]
    [InlineData("kubernetes.io/ssh-auth", new[] { "data[ssh-privatekey] FieldValueRequired" })]
    [InlineData("kubernetes.io/service-account-token", new[] { "metadata.annotations[kubernetes.io/service-account.name] FieldValueRequired" })]
    [InlineData("example.com/custom", new string[0])]
    public void ValidateSecret_TypeSpecificKeys(string type, string[] expected) =>
        Assert.Equal(expected, Fixtures.FieldReasons(Secret(s => s.Type = type)));

    [Fact]
    public void ValidateSecret_DockerConfigNotJson_Invalid()
    {
        var secret = Secret(s =>
        {
            s.Type = "kubernetes.io/dockerconfigjson";
            s.Data![".dockerconfigjson"] = Encoding.UTF8.GetBytes("{not json");
        });
        var error = Assert.Single(Validator.Validate(secret));
        Assert.Equal("data[.dockerconfigjson]", error.Field);
        Assert.Equal("<secret contents redacted>", error.BadValue);
    }

    [Fact]
    public void ValidateSecret_StringDataKeys_CountAsData()
    {
        var secret = Secret(s =>
        {
            s.Type = "kubernetes.io/tls";
            s.StringData = new() { ["tls.crt"] = "c", ["tls.key"] = "k" };
        });
        Assert.Empty(Validator.Validate(secret));
    }

    [Fact]
    public void ValidateUpdate_ImmutableConfigMapChanged_Forbidden()
    {
        var old = ConfigMap(c => c.Immutable = true);
        var next = ConfigMap(c => { c.Immutable = true; c.Data!["app.yaml"] = "a: 2"; });
        Assert.Equal("data: Forbidden: field is immutable when `immutable` is set", Assert.Single(Validator.ValidateUpdate(next, old)).ToString());
        Assert.Empty(Validator.ValidateUpdate(ConfigMap(c => c.Immutable = true), old));
    }

    [Fact]
    public void ValidateUpdate_SecretTypeChanged_Immutable()
    {
        var errs = Validator.ValidateUpdate(Secret(s => s.Type = "example.com/x"), Secret());
        Assert.Equal("type: Invalid value: \"example.com/x\": field is immutable", Assert.Single(errs).ToString());
    }
}
