namespace FastKube.Api.Validation;

/// <summary>
/// A bad value shown verbatim (not quoted) in a message, for the composite values upstream prints
/// with Go's %#v, e.g. <c>map[string]string{"app":"web"}</c>.
/// </summary>
internal sealed class GoValue(string text)
{
    public static GoValue Map(Dictionary<string, string>? map)
    {
        if (map is null)
        {
            return new GoValue("map[string]string(nil)");
        }

        var sb = new System.Text.StringBuilder("map[string]string{");
        var first = true;
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            FieldError.GoQuote(sb, k);
            sb.Append(':');
            FieldError.GoQuote(sb, v);
        }

        return new GoValue(sb.Append('}').ToString());
    }

    public override string ToString() => text;
}
