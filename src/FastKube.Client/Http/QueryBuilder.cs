using System.Globalization;
using System.Text;

namespace FastKube.Client.Http;

/// <summary>Builds <c>path?name=value&amp;…</c> with values escaped.</summary>
internal sealed class QueryBuilder(string path)
{
    private readonly StringBuilder _text = new(path);
    private bool _first = true;

    public QueryBuilder Add(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        _text.Append(_first ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        _first = false;
        return this;
    }

    public QueryBuilder Add(string name, long value) =>
        value > 0 ? Add(name, value.ToString(CultureInfo.InvariantCulture)) : this;

    public QueryBuilder Add(ListOptions? options)
    {
        if (options is null)
        {
            return this;
        }

        Add("labelSelector", options.LabelSelector).Add("fieldSelector", options.FieldSelector).Add("limit", options.Limit)
            .Add("continue", options.Continue).Add("resourceVersion", options.ResourceVersion).Add("resourceVersionMatch", options.ResourceVersionMatch)
            .Add("timeoutSeconds", options.TimeoutSeconds ?? 0);
        return options.AllowWatchBookmarks ? Add("allowWatchBookmarks", "true") : this;
    }

    public QueryBuilder Add(WriteOptions? options)
    {
        if (options is null)
        {
            return this;
        }

        return Add("dryRun", options.DryRun ? "All" : null).Add("fieldValidation", options.FieldValidation).Add("fieldManager", options.FieldManager);
    }

    public override string ToString() => _text.ToString();
}
