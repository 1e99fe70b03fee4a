using System.Text.Json;
using System.Text.Json.Serialization;
using FastKube.Api;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.ApiServer.Http;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Rest;

/// <summary>
/// The <c>fieldValidation</c> query parameter (upstream ServerSideFieldValidation): Strict rejects a body
/// with an unknown field (400, naming it), Warn (the default) accepts it with a <c>Warning</c> header, and
/// Ignore drops unknown fields silently. Fields FastKube does not model count as unknown.
/// </summary>
internal enum FieldValidation
{
    Warn,
    Strict,
    Ignore,
}

internal static class FieldValidationDecoder
{
    private static readonly JsonSerializerOptions StrictOptions = CreateStrict();

    public static Status? TryParse(IQueryCollection query, out FieldValidation mode)
    {
        mode = FieldValidation.Warn;
        var text = query["fieldValidation"].ToString();
        switch (text)
        {
            case "" or "Warn":
                return null;
            case "Strict":
                mode = FieldValidation.Strict;
                return null;
            case "Ignore":
                mode = FieldValidation.Ignore;
                return null;
            default:
                return ApiErrors.BadRequest($"fieldValidation: Unsupported value: \"{text}\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }
    }

    /// <summary>
    /// Decodes <paramref name="body"/> as the resource's type under <paramref name="mode"/>. An unknown field
    /// comes back in <paramref name="unknownField"/>: in Strict mode instead of a value, in Warn mode beside
    /// it. Malformed JSON throws <see cref="JsonException"/> with its path.
    /// </summary>
    public static object? Deserialize(ReadOnlySpan<byte> body, KubeTypeInfo info, FieldValidation mode, out string? unknownField)
    {
        unknownField = null;
        if (mode == FieldValidation.Ignore)
        {
            return KubeJson.Deserialize(body, info.Type);
        }

        try
        {
            return JsonSerializer.Deserialize(body, StrictOptions.GetTypeInfo(info.Type));
        }
        catch (JsonException e) when (UnknownField(e) is { } field)
        {
            unknownField = field;
            return mode == FieldValidation.Strict ? null : KubeJson.Deserialize(body, info.Type);
        }
    }

    /// <summary>Upstream's 400 message for an unknown field under Strict.</summary>
    public static string StrictError(KubeTypeInfo info, string field) =>
        $"{info.Kind} in version \"{info.Version}\" cannot be handled as a {info.Kind}: strict decoding error: unknown field \"{field}\"";

    // STJ reports an unmapped member as "The JSON property 'x' could not be mapped ..." with Path $.spec.x.
    private static string? UnknownField(JsonException e) =>
        e.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) && e.Path is { Length: > 2 } path
            ? path[2..]
            : null;

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(KubeJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        options.MakeReadOnly();
        return options;
    }
}
