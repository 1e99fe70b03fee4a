using FastKube.Client.Configuration;

namespace FastKube.Scheduler.Config;

/// <summary>
/// The plugins section: upstream's defaults are the multiPoint set; <c>disabled</c> removes a plugin (or
/// every default with "*") from a point, <c>enabled</c> adds one (a default re-enabled keeps its place
/// and takes the new weight). preFilter/preScore follow filter/score, as each plugin here implements
/// both or neither.
/// </summary>
public static partial class SchedulerConfigLoader
{
    private static readonly string[] FilterPoints = ["preFilter", "filter"];
    private static readonly string[] ScorePoints = ["preScore", "score"];
    private static readonly string[] OtherPoints = ["queueSort", "preEnqueue", "reserve", "permit", "preBind", "bind", "postBind"];

    private static ProfileConfiguration ParsePlugins(ConfigFields plugins, ProfileConfiguration profile)
    {
        var filters = new List<string>(PluginCatalog.DefaultFilters);
        var scores = new List<WeightedPlugin>(PluginCatalog.DefaultScores);
        var preemption = true;

        if (plugins.Mapping("multiPoint") is { } multiPoint)
        {
            foreach (var (name, path) in Disabled(multiPoint))
            {
                if (name == "*")
                {
                    filters.Clear();
                    scores.Clear();
                    preemption = false;
                    continue;
                }

                filters.Remove(name);
                scores.RemoveAll(s => s.Name == name);
                preemption &= name != "DefaultPreemption";
            }

            foreach (var (name, weight, path, entry) in Enabled(multiPoint))
            {
                var any = false;
                if (PluginCatalog.FilterPlugins.Contains(name))
                {
                    AddFilter(filters, name);
                    any = true;
                }

                if (PluginCatalog.ScorePlugins.Contains(name))
                {
                    AddScore(scores, name, weight);
                    any = true;
                }

                if (name == "DefaultPreemption")
                {
                    preemption = true;
                    any = true;
                }

                if (!any && name is not ("PrioritySort" or "DefaultBinder"))
                {
                    entry.Error(path, name, "not a plugin this scheduler runs at any extension point");
                }
            }

            multiPoint.RejectUnknown();
        }

        foreach (var point in FilterPoints)
        {
            if (plugins.Mapping(point) is { } set)
            {
                foreach (var (name, _) in Disabled(set))
                {
                    if (name == "*")
                    {
                        filters.Clear();
                    }
                    else
                    {
                        filters.Remove(name);
                    }
                }

                foreach (var (name, _, path, entry) in Enabled(set))
                {
                    if (PluginCatalog.FilterPlugins.Contains(name))
                    {
                        AddFilter(filters, name);
                    }
                    else
                    {
                        entry.Error(path, name, $"not a {point} plugin; allowed: {string.Join(", ", PluginCatalog.DefaultFilters)}");
                    }
                }

                set.RejectUnknown();
            }
        }

        foreach (var point in ScorePoints)
        {
            if (plugins.Mapping(point) is { } set)
            {
                foreach (var (name, _) in Disabled(set))
                {
                    if (name == "*")
                    {
                        scores.Clear();
                    }
                    else
                    {
                        scores.RemoveAll(s => s.Name == name);
                    }
                }

                foreach (var (name, weight, path, entry) in Enabled(set))
                {
                    if (PluginCatalog.ScorePlugins.Contains(name))
                    {
                        AddScore(scores, name, weight);
                    }
                    else
                    {
                        entry.Error(path, name, $"not a {point} plugin; allowed: {string.Join(", ", PluginCatalog.ScorePlugins.Order(StringComparer.Ordinal))}");
                    }
                }

                set.RejectUnknown();
            }
        }

        if (plugins.Mapping("postFilter") is { } postFilter)
        {
            foreach (var (name, _) in Disabled(postFilter))
            {
                preemption &= name is not ("*" or "DefaultPreemption");
            }

            foreach (var (name, _, path, entry) in Enabled(postFilter))
            {
                if (name == "DefaultPreemption")
                {
                    preemption = true;
                }
                else
                {
                    entry.Error(path, name, "not a postFilter plugin; allowed: DefaultPreemption");
                }
            }

            postFilter.RejectUnknown();
        }

        foreach (var point in OtherPoints)
        {
            if (plugins.Mapping(point) is { } set)
            {
                foreach (var _ in Disabled(set))
                {
                }

                var allowed = point switch { "queueSort" => "PrioritySort", "bind" => "DefaultBinder", _ => "" };
                foreach (var (name, _, path, entry) in Enabled(set))
                {
                    if (name != allowed)
                    {
                        entry.Error(path, name, allowed.Length == 0 ? $"no {point} plugins are implemented" : $"the only {point} plugin is {allowed}");
                    }
                }

                set.RejectUnknown();
            }
        }

        plugins.RejectUnknown();
        return profile with { Filters = filters, Scores = scores, Preemption = preemption };
    }

    private static void AddFilter(List<string> filters, string name)
    {
        if (!filters.Contains(name))
        {
            filters.Add(name);
        }
    }

    private static void AddScore(List<WeightedPlugin> scores, string name, int? weight)
    {
        var index = scores.FindIndex(s => s.Name == name);
        var plugin = new WeightedPlugin(name, weight ?? PluginCatalog.DefaultWeight(name));
        if (index >= 0)
        {
            scores[index] = plugin;
        }
        else
        {
            scores.Add(plugin);
        }
    }

    private static IEnumerable<(string Name, string Path)> Disabled(ConfigFields set)
    {
        foreach (var entry in set.Mappings("disabled"))
        {
            var name = entry.String("name") ?? "";
            if (name != "*" && !PluginCatalog.Known.Contains(name))
            {
                entry.Error(entry.Field("name"), name, "unknown plugin; known: " + string.Join(", ", PluginCatalog.Known));
            }

            entry.RejectUnknown();
            yield return (name, entry.Field("name"));
        }
    }

    private static IEnumerable<(string Name, int? Weight, string Path, ConfigFields Entry)> Enabled(ConfigFields set)
    {
        foreach (var entry in set.Mappings("enabled"))
        {
            var name = entry.String("name") ?? "";
            var weight = entry.Int("weight");
            entry.RejectUnknown();
            if (!PluginCatalog.Known.Contains(name))
            {
                entry.Error(entry.Field("name"), name, "unknown plugin; known: " + string.Join(", ", PluginCatalog.Known));
                continue;
            }

            if (PluginCatalog.AcceptedOnlyAsDisabled.Contains(name))
            {
                entry.Error(entry.Field("name"), name, "not implemented by this scheduler (it may only be disabled)");
                continue;
            }

            if (weight is { } w && w <= 0)
            {
                entry.Error(entry.Field("weight"), w, "must be greater than zero");
                continue;
            }

            yield return (name, weight is 0 ? null : weight, entry.Field("name"), entry);
        }
    }
}
