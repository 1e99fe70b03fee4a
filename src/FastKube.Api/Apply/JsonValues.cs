using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastKube.Api.Apply;

/// <summary>Ordering and kinds of JSON values as structured-merge-diff's value.Compare sees them.</summary>
internal static class JsonValues
{
    // value.Compare's type order: numbers, strings, booleans, lists, maps, null.
    private static int Rank(JsonNode? node) => node switch
    {
        null => 5,
        JsonObject => 4,
        JsonArray => 3,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => 0,
            JsonValueKind.String => 1,
            JsonValueKind.True or JsonValueKind.False => 2,
            _ => 5,
        },
        _ => 5,
    };

    // A JsonValue may wrap a JsonElement or a CLR number of any type; its JSON text reads back the same way for all.
    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    public static int Compare(JsonNode? left, JsonNode? right)
    {
        var (l, r) = (Rank(left), Rank(right));
        if (l != r)
        {
            return l.CompareTo(r);
        }

        switch (l)
        {
            case 0:
                return Number(left!).CompareTo(Number(right!));
            case 1:
                return string.CompareOrdinal(left!.GetValue<string>(), right!.GetValue<string>());
            case 2:
                return left!.GetValue<bool>().CompareTo(right!.GetValue<bool>());
            default:
                return string.CompareOrdinal(left?.ToJsonString(), right?.ToJsonString());
        }
    }
}
