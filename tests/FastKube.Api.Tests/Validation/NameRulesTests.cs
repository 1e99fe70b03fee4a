using FastKube.Api.Validation;

namespace FastKube.Api.Tests.Validation;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("my-name", true)]
    [InlineData("123-abc", true)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("A", false)]
    [InlineData("a.b", false)]
    [InlineData("", false)]
    public void IsDNS1123Label_Table(string value, bool valid) => Assert.Equal(valid, NameRules.IsDNS1123Label(value).Count == 0);

    [Fact]
    public void IsDNS1123Label_Invalid_UpstreamMessage()
    {
        Assert.Equal(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            Assert.Single(NameRules.IsDNS1123Label("Web")));
        var tooLong = NameRules.IsDNS1123Label(new string('a', 64));
        Assert.Equal("must be no more than 63 characters", Assert.Single(tooLong));
    }

    [Theory]
    [InlineData("example.com", true)]
    [InlineData("a", true)]
    [InlineData("a..b", false)]
    [InlineData(".a", false)]
    [InlineData("a.", false)]
    [InlineData("a_b", false)]
    public void IsDNS1123Subdomain_Table(string value, bool valid) => Assert.Equal(valid, NameRules.IsDNS1123Subdomain(value).Count == 0);

    [Theory]
    [InlineData("my-name", true)]
    [InlineData("1abc", false)]
    [InlineData("abc-", false)]
    public void IsDNS1035Label_Table(string value, bool valid) => Assert.Equal(valid, NameRules.IsDNS1035Label(value).Count == 0);

    [Theory]
    [InlineData("app", true)]
    [InlineData("app.kubernetes.io/name", true)]
    [InlineData("My_Key.x", true)]
    [InlineData("/name", false)]
    [InlineData("a/b/c", false)]
    [InlineData("example.com/", false)]
    [InlineData("_a", false)]
    [InlineData("Example.com/a", false)]
    public void IsQualifiedName_Table(string value, bool valid) => Assert.Equal(valid, NameRules.IsQualifiedName(value).Count == 0);

    [Fact]
    public void IsQualifiedName_EmptyPrefix_PrefixMessage()
    {
        Assert.Equal("prefix part must be non-empty", Assert.Single(NameRules.IsQualifiedName("/name")));
        Assert.Equal(
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            Assert.Single(NameRules.IsQualifiedName("-x")));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("v1.2_3-x", true)]
    [InlineData("-x", false)]
    [InlineData("a b", false)]
    public void IsValidLabelValue_Table(string value, bool valid) => Assert.Equal(valid, NameRules.IsValidLabelValue(value).Count == 0);

    [Theory]
    [InlineData("http", 0)]
    [InlineData("h2c-web", 0)]
    [InlineData("123", 1)]
    [InlineData("a--b", 1)]
    [InlineData("-a", 1)]
    [InlineData("HTTP", 2)]
    [InlineData("averyveryverylongname", 1)]
    public void IsValidPortName_Table(string value, int errors) => Assert.Equal(errors, NameRules.IsValidPortName(value).Count);

    [Theory]
    [InlineData(1, true)]
    [InlineData(65535, true)]
    [InlineData(0, false)]
    [InlineData(65536, false)]
    public void IsValidPortNum_Table(int port, bool valid) => Assert.Equal(valid, NameRules.IsValidPortNum(port).Count == 0);

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("010.0.0.1", true)]
    [InlineData("256.0.0.1", false)]
    [InlineData("1.2.3", false)]
    [InlineData("1", false)]
    [InlineData("::1", true)]
    [InlineData("2001:db8::ffff", true)]
    [InlineData("::ffff:1.2.3.4", true)]
    [InlineData("fe80::1%eth0", false)]
    [InlineData("[::1]", false)]
    [InlineData("", false)]
    public void IsValidIP_Table(string value, bool valid) => Assert.Equal(valid, NameRules.IsValidIP(value).Count == 0);

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("2001:db8::/64", true)]
    [InlineData("10.0.0.0", false)]
    [InlineData("10.0.0.0/", false)]
    public void IsValidCIDR_Table(string value, bool valid) => Assert.Equal(valid, NameRules.IsValidCIDR(value).Count == 0);

    [Theory]
    [InlineData("PATH", 0)]
    [InlineData("my.env-name", 0)]
    [InlineData("1ABC", 1)]
    [InlineData("..x", 1)]
    [InlineData("..", 1)]
    [InlineData("A=B", 1)]
    public void IsEnvVarName_Table(string value, int errors) => Assert.Equal(errors, NameRules.IsEnvVarName(value).Count);

    [Theory]
    [InlineData("1ABC", true)]
    [InlineData("a b", true)]
    [InlineData("A=B", false)]
    [InlineData("tab\t", false)]
    public void IsRelaxedEnvVarName_Table(string value, bool valid) => Assert.Equal(valid, NameRules.IsRelaxedEnvVarName(value).Count == 0);

    [Theory]
    [InlineData("key.name", 0)]
    [InlineData("KEY_NAME", 0)]
    [InlineData("a/b", 1)]
    [InlineData(".", 1)]
    [InlineData("..a", 1)]
    [InlineData("", 1)]
    public void IsConfigMapKey_Table(string value, int errors) => Assert.Equal(errors, NameRules.IsConfigMapKey(value).Count);

    [Theory]
    [InlineData("25%", true)]
    [InlineData("%", false)]
    [InlineData("25", false)]
    [InlineData("2.5%", false)]
    public void IsValidPercent_Table(string value, bool valid) => Assert.Equal(valid, NameRules.IsValidPercent(value).Count == 0);

    [Theory]
    [InlineData("my_name", true)]
    [InlineData("_x1", true)]
    [InlineData("1x", false)]
    [InlineData("a-b", false)]
    public void IsCIdentifier_Table(string value, bool valid) => Assert.Equal(valid, NameRules.IsCIdentifier(value).Count == 0);

    [Theory]
    [InlineData("web", new string[0])]
    [InlineData("..", new[] { "may not be '..'" })]
    [InlineData("a/b%c", new[] { "may not contain '/'", "may not contain '%'" })]
    public void IsValidPathSegmentName_Table(string value, string[] expected) =>
        Assert.Equal(expected, NameRules.IsValidPathSegmentName(value));

    [Theory]
    [InlineData("X-Custom-Header", true)]
    [InlineData("Bad Header", false)]
    [InlineData("", false)]
    public void IsHTTPHeaderName_Table(string value, bool valid) => Assert.Equal(valid, NameRules.IsHTTPHeaderName(value).Count == 0);

    [Fact]
    public void Generate_LongBase_TruncatedAndSuffixed()
    {
        var name = GeneratedNames.Generate(new string('a', 70) , new Random(1));
        Assert.Equal(63, name.Length);
        Assert.StartsWith(new string('a', 58), name, StringComparison.Ordinal);
        Assert.All(name[58..], c => Assert.Contains(c, "bcdfghjklmnpqrstvwxz2456789"));
        Assert.Empty(NameRules.IsDNS1123Label(GeneratedNames.Generate("web-", new Random(2))));
    }
}
