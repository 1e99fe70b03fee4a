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
/// with unknown or duplicate fields (400, naming each), Warn (the default) accepts it with one
/// <c>Warning</c> header per field, and Ignore drops them silently. Fields FastKube does not model count
/// as unknown.
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
    /// Decodes <paramref name="body"/> as the resource's type under <paramref name="mode"/>. Unknown and
    /// duplicate fields come back in <paramref name="problems"/> (upstream's wording, every one of them): in
    /// Strict mode instead of a value, in Warn mode beside it. Malformed JSON throws <see cref="JsonException"/>
    /// with its path.
    /// </summary>
    public static object? Deserialize(ReadOnlySpan<byte> body, KubeTypeInfo info, FieldValidation mode, out IReadOnlyList<string> problems)
    {
        problems = [];
        if (mode == FieldValidation.Ignore)
        {
            return KubeJson.Deserialize(body, info.Type);
        }

        try
        {
            // The common case, a body with only known fields, costs one strict decode and nothing more.
            return JsonSerializer.Deserialize(body, StrictOptions.GetTypeInfo(info.Type));
        }
        catch (JsonException) when (FieldProblems.Find(body, KubeJson.Options.GetTypeInfo(info.Type)) is { Count: > 0 } found)
        {
            problems = found;
            return mode == FieldValidation.Strict ? null : KubeJson.Deserialize(body, info.Type);
        }
    }

    /// <summary>Upstream's 400 message for unknown or duplicate fields under Strict.</summary>
    public static string StrictError(KubeTypeInfo info, IReadOnlyList<string> problems) =>
        $"{info.Kind} in version \"{info.Version}\" cannot be handled as a {info.Kind}: strict decoding error: {string.Join(", ", problems)}";

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(KubeJson.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
        };
        options.MakeReadOnly();
        return options;
    }
}
