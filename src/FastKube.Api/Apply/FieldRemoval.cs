using System.Text.Json.Nodes;

namespace FastKube.Api.Apply;

/// <summary>Removes the member paths of a <see cref="FieldSet"/> from a JSON object (structured-merge-diff's RemoveItems).</summary>
public static class FieldRemoval
{
    /// <summary>Removes, in place, every node of <paramref name="obj"/> whose path is a member of <paramref name="set"/>.</summary>
    public static void Remove(JsonObject obj, FieldSet set, Type type) => RemoveFrom(obj, set, SchemaNode.Of(type));

    private static void RemoveFrom(JsonNode? node, FieldSet set, SchemaNode schema)
    {
        foreach (var (element, child) in set.Children)
        {
            switch (node)
            {
                case JsonObject obj when element.Kind == PathElementKind.Field:
                    if (child.IsMember)
                    {
                        obj.Remove(element.Text);
                    }
                    else if (obj.TryGetPropertyValue(element.Text, out var value))
                    {
                        RemoveFrom(value, child, schema.Field(element.Text));
                    }

                    break;
                case JsonArray list when element.Kind is PathElementKind.Key or PathElementKind.Value:
                    for (var i = list.Count - 1; i >= 0; i--)
                    {
                        if (!schema.TryItemElement(list[i], out var itemElement, out _) || itemElement != element)
                        {
                            continue;
                        }

                        if (child.IsMember)
                        {
                            list.RemoveAt(i);
                        }
                        else
                        {
                            RemoveFrom(list[i], child, schema.Item());
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// <paramref name="set"/> plus every declared struct field on the way to one of its paths
    /// (upstream's EnsureNamedFieldsAreMembers), so that a struct left with nothing owned goes too.
    /// </summary>
    public static FieldSet WithNamedFields(FieldSet set, Type type)
    {
        var result = set.Copy();
        MarkNamed(result, SchemaNode.Of(type));
        return result;
    }

    private static void MarkNamed(FieldSet node, SchemaNode schema)
    {
        foreach (var (element, child) in node.Children)
        {
            if (element.Kind == PathElementKind.Field)
            {
                if (schema.Declares(element.Text))
                {
                    child.MarkMember();
                }

                MarkNamed(child, schema.Field(element.Text));
            }
            else
            {
                MarkNamed(child, schema.Item());
            }
        }
    }
}
