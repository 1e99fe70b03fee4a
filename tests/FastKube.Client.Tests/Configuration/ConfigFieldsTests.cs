using FastKube.Client.Configuration;

namespace FastKube.Client.Tests.Configuration;

public sealed class ConfigFieldsTests
{
    private const string Header = "apiVersion: example.k8s.io/v1\nkind: Example\n";

    [Fact]
    public void Open_NotYaml_ReportsThePosition()
    {
        var errors = new List<string>();

        Assert.Null(ConfigFields.Open("a: [b", "example.k8s.io/v1", "Example", errors));
        Assert.StartsWith("invalid YAML at line 2, column 1: ", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WrongKind_NamesExpectedValue()
    {
        var errors = new List<string>();

        Assert.NotNull(ConfigFields.Open("apiVersion: example.k8s.io/v1\nkind: Pod\n", "example.k8s.io/v1", "Example", errors));
        Assert.Equal("kind: Invalid value: \"Pod\": must be Example", Assert.Single(errors));
    }

    [Fact]
    public void String_PlainEmptyIsAbsentQuotedEmptyIsEmpty()
    {
        var (fields, _) = Open("a:\nb: \"\"\nc: ~\nd: null\n");

        Assert.Null(fields.String("a"));
        Assert.Equal("", fields.String("b"));
        Assert.Null(fields.String("c"));
        Assert.Null(fields.String("d"));
    }

    [Fact]
    public void Readers_BadValues_NameNestedPathValueAndRule()
    {
        var (fields, errors) = Open("section:\n  port: 70000\n  period: soon\n  on: maybe\n  list: [a, {b: c}]\n");
        var section = fields.Mapping("section")!;

        Assert.Null(section.Int("port", 0, 65535));
        Assert.Null(section.Duration("period"));
        Assert.Null(section.Bool("on"));
        Assert.Equal([("a", "section.list[0]")], section.Strings("list"));
        Assert.Equal(
            [
                "section.port: Invalid value: \"70000\": must be an integer between 0 and 65535, inclusive",
                "section.period: Invalid value: \"soon\": must be a duration such as 15s, 2m0s or 500ms (units ns, us, ms, s, m, h)",
                "section.on: Invalid value: \"maybe\": must be true or false",
                "section.list[1]: Invalid value: \"<Mapping>\": must be a string",
            ],
            errors);
    }

    [Fact]
    public void RejectUnknown_ListsTheFieldsRead()
    {
        var (fields, errors) = Open("port: 1\ncolour: blue\n");
        fields.Int("port");
        fields.Ignore("legacy");

        fields.RejectUnknown();

        Assert.Equal("colour: Invalid value: \"colour\": unknown field; allowed: apiVersion, kind, legacy, port", Assert.Single(errors));
    }

    [Fact]
    public void StringMap_NonStringEntry_IsReportedByKey()
    {
        var (fields, errors) = Open("evictionHard:\n  memory.available: 100Mi\n  nodefs.available: [1]\n");

        var map = fields.StringMap("evictionHard");

        Assert.Equal("100Mi", map!["memory.available"]);
        Assert.Equal("evictionHard[nodefs.available]: Invalid value: \"<Sequence>\": must be a string", Assert.Single(errors));
    }

    private static (ConfigFields Fields, List<string> Errors) Open(string body)
    {
        var errors = new List<string>();
        var fields = ConfigFields.Open(Header + body, "example.k8s.io/v1", "Example", errors);
        Assert.Empty(errors);
        return (fields!, errors);
    }
}
