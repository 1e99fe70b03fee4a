using System.Text;

namespace FastKube.Api.Generators;

/// <summary>Naming rules shared by the emitters.</summary>
internal static class Names
{
    private const string ApiPrefix = "FastKube.Api.";

    /// <summary>
    /// JSON name of a property the way System.Text.Json's camelCase policy derives it: lowercase the leading
    /// run of capitals except the last one when a lowercase letter follows ("PodIP" → "podIP", "URLPath" → "urlPath").
    /// </summary>
    public static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        char[] chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            bool hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    /// <summary>A type's name in the schema document: its full name without the FastKube.Api. prefix.</summary>
    public static string SchemaName(string metadataName) =>
        metadataName.StartsWith(ApiPrefix, System.StringComparison.Ordinal) ? metadataName.Substring(ApiPrefix.Length) : metadataName;

    /// <summary>A Markdown link to a type's section of the schema document (GitHub-style heading anchor).</summary>
    public static string SchemaLink(string metadataName)
    {
        string name = SchemaName(metadataName);
        return "[" + name + "](#" + name.Replace(".", string.Empty).ToLowerInvariant() + ")";
    }

    /// <summary>The generated formatter class of a type: its full name with dots turned into underscores.</summary>
    public static string FormatterName(string metadataName)
    {
        var builder = new StringBuilder(metadataName.Length + 10);
        foreach (char c in SchemaName(metadataName))
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return builder.Append("Formatter").ToString();
    }

    /// <summary>The namespace generated code lives in for one assembly.</summary>
    public static string GeneratedNamespace(string? assemblyName) =>
        (string.IsNullOrEmpty(assemblyName) ? "Generated" : assemblyName) + ".Serialization.MessagePack.Generated";

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }
}
