namespace FastKube.Controllers;

/// <summary>
/// Upstream's <c>--controllers</c> list: <c>*</c> turns on every controller that is on by default, <c>name</c>
/// turns one on, <c>-name</c> turns one off; a controller named either way ignores <c>*</c>.
/// </summary>
public static class ControllerSelection
{
    /// <summary>Every controller this manager runs, by upstream's names; all are on by default.</summary>
    public static IReadOnlyList<string> Known { get; } =
        ["daemonset", "deployment", "endpoint", "endpointslice", "garbagecollector", "job", "namespace", "nodelifecycle", "replicaset", "serviceaccount", "statefulset", "ttl-after-finished"];

    public static bool IsEnabled(IReadOnlyList<string> selection, string name)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.Contains("-" + name))
        {
            return false;
        }

        return selection.Contains(name) || selection.Contains("*");
    }

    /// <summary>One message per entry that names no known controller, in upstream's field-error shape.</summary>
    public static List<string> Validate(IReadOnlyList<string> selection, string field)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var errors = new List<string>();
        foreach (var entry in selection)
        {
            var name = entry.StartsWith('-') ? entry[1..] : entry;
            if (entry != "*" && !Known.Contains(name))
            {
                errors.Add($"{field}: Invalid value: \"{entry}\": \"{name}\" is not in the list of known controllers ({string.Join(", ", Known)})");
            }
        }

        return errors;
    }
}
