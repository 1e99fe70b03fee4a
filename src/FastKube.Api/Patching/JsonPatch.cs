using System.Globalization;
using System.Text.Json.Nodes;

namespace FastKube.Api.Patching;

/// <summary>
/// JSON patch (RFC 6902, <c>application/json-patch+json</c>): add, remove, replace, move, copy and test
/// operations addressed by JSON pointers (RFC 6901). Operations apply to a copy, in order; the first
/// failure returns an error and the input stays untouched, so nothing partial is ever stored.
/// </summary>
public static class JsonPatch
{
    /// <summary>Upstream's limit on operations per JSON patch (apiserver maxJSONPatchOperations).</summary>
    public const int MaxOperations = 10_000;

    public static PatchResult Apply(JsonNode? document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            return PatchResult.Invalid("a JSON patch must be an array of operations");
        }

        if (operations.Count > MaxOperations)
        {
            return PatchResult.TooLarge($"The allowed maximum operations in a JSON patch is {MaxOperations}, got: {operations.Count}");
        }

        var root = new JsonObject { ["doc"] = document?.DeepClone() };
        for (var i = 0; i < operations.Count; i++)
        {
            var error = ApplyOne(root, operations[i] as JsonObject, out var invalid);
            if (error is not null)
            {
                var message = $"operation {i}: {error}";
                return invalid ? PatchResult.Invalid(message) : PatchResult.Inapplicable(message);
            }
        }

        return PatchResult.Success(root["doc"]);
    }

    // The document hangs under root["doc"], so replacing the whole document ("" pointer) is an ordinary set.
    private static string? ApplyOne(JsonObject root, JsonObject? operation, out bool invalid)
    {
        invalid = true;
        if (operation is null)
        {
            return "not an object";
        }

        var op = operation["op"] is JsonValue opValue && opValue.TryGetValue<string>(out var name) ? name : null;
        if (!TryPointer(operation, "path", out var path, out var pathError))
        {
            return pathError;
        }

        var hasValue = operation.TryGetPropertyValue("value", out var value);
        switch (op)
        {
            case "add" or "replace" or "test" when !hasValue:
                return $"\"{op}\" needs a \"value\"";
            case "move" or "copy":
                if (!TryPointer(operation, "from", out var from, out var fromError))
                {
                    return fromError;
                }

                invalid = false;
                if (!TryGet(root, from, out var source))
                {
                    return $"\"from\" path {Render(from)} does not exist";
                }

                if (op == "move")
                {
                    if (path.Count > from.Count && path.Take(from.Count).SequenceEqual(from))
                    {
                        invalid = true;
                        return $"cannot move {Render(from)} into its own child {Render(path)}";
                    }

                    Remove(root, from);
                    return Add(root, path, source);
                }

                return Add(root, path, source?.DeepClone());
            case "add":
                invalid = false;
                return Add(root, path, value?.DeepClone());
            case "remove":
                invalid = false;
                return path.Count == 1 ? "cannot remove the whole document" : Remove(root, path);
            case "replace":
                invalid = false;
                if (!TryGet(root, path, out _))
                {
                    return $"path {Render(path)} does not exist";
                }

                Remove(root, path);
                return Add(root, path, value?.DeepClone());
            case "test":
                invalid = false;
                return TryGet(root, path, out var actual) && JsonNode.DeepEquals(actual, value)
                    ? null
                    : $"test failed: the value at {Render(path)} is not the expected one";
            default:
                return op is null ? "missing \"op\"" : $"unknown op \"{op}\"";
        }
    }

    private static bool TryPointer(JsonObject operation, string member, out List<string> tokens, out string? error)
    {
        tokens = ["doc"];
        error = null;
        if (operation[member] is not JsonValue text || !text.TryGetValue<string>(out var pointer))
        {
            error = $"missing \"{member}\"";
            return false;
        }

        if (pointer.Length == 0)
        {
            return true;
        }

        if (pointer[0] != '/')
        {
            error = $"\"{member}\" {pointer} is not a JSON pointer (it must start with '/')";
            return false;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            for (var i = raw.IndexOf('~', StringComparison.Ordinal); i >= 0; i = raw.IndexOf('~', i + 1))
            {
                if (i + 1 >= raw.Length || (raw[i + 1] != '0' && raw[i + 1] != '1'))
                {
                    error = $"\"{member}\" {pointer} has an invalid escape ('~' must be followed by 0 or 1)";
                    return false;
                }
            }

            tokens.Add(raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return true;
    }

    private static bool TryGet(JsonNode root, List<string> path, out JsonNode? node)
    {
        node = root;
        foreach (var token in path)
        {
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    node = child;
                    break;
                case JsonArray array when TryIndex(token, array.Count - 1, out var index):
                    node = array[index];
                    break;
                default:
                    node = null;
                    return false;
            }
        }

        return true;
    }

    private static string? Add(JsonObject root, List<string> path, JsonNode? value)
    {
        if (!TryGet(root, path[..^1], out var parent))
        {
            return $"the parent of {Render(path)} does not exist";
        }

        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj.Remove(last);
                obj[last] = value;
                return null;
            case JsonArray array when last == "-":
                array.Add(value);
                return null;
            case JsonArray array when TryIndex(last, array.Count, out var index):
                array.Insert(index, value);
                return null;
            default:
                return $"cannot add at {Render(path)}: no such object member or array index";
        }
    }

    private static string? Remove(JsonObject root, List<string> path)
    {
        if (!TryGet(root, path[..^1], out var parent))
        {
            return $"path {Render(path)} does not exist";
        }

        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                return null;
            case JsonArray array when TryIndex(last, array.Count - 1, out var index):
                array.RemoveAt(index);
                return null;
            default:
                return $"path {Render(path)} does not exist";
        }
    }

    // RFC 6901 array index: "0" or digits without a leading zero, at most max.
    private static bool TryIndex(string token, int max, out int index)
    {
        index = -1;
        return token.Length > 0 && (token == "0" || token[0] != '0') && token.All(char.IsAsciiDigit)
            && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index <= max;
    }

    private static string Render(List<string> path) =>
        path.Count == 1 ? "\"\"" : "/" + string.Join('/', path.Skip(1).Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
}
