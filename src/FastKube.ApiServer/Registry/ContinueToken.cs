using System.Buffers.Text;
using System.Text.Json;

namespace FastKube.ApiServer.Registry;

/// <summary>
/// The <c>continue</c> token of a paginated list, shaped like upstream's: base64url of
/// <c>{"v":"meta.k8s.io/v1","rv":N,"start":"next-key-suffix"}</c>. The next page reads at the same
/// revision N from <c>start</c> (exclusive of the last returned key), so a paginated list is one snapshot.
/// </summary>
internal static class ContinueToken
{
    private const string Version = "meta.k8s.io/v1";

    public static string Encode(long revision, string lastKeySuffix)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Token(Version, revision, lastKeySuffix), ContinueTokenJson.Default.Token);
        return Base64Url.EncodeToString(json);
    }

    public static bool TryDecode(string token, out long revision, out string lastKeySuffix, out string error)
    {
        revision = 0;
        lastKeySuffix = "";
        error = "";
        try
        {
            var parsed = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), ContinueTokenJson.Default.Token);
            if (parsed is null || parsed.V != Version || parsed.Rv <= 0 || parsed.Start is null || parsed.Start.Contains("..", StringComparison.Ordinal))
            {
                error = "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)";
                return false;
            }

            revision = parsed.Rv;
            lastKeySuffix = parsed.Start;
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            error = "continue key is not valid: " + e.Message;
            return false;
        }
    }

    internal sealed record Token(string V, long Rv, string Start);
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ContinueToken.Token))]
internal sealed partial class ContinueTokenJson : System.Text.Json.Serialization.JsonSerializerContext;
