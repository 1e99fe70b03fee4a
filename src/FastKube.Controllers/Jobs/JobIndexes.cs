using System.Globalization;
using System.Text;
using FastKube.Api.Batch;
using FastKube.Api.Core;

namespace FastKube.Controllers.Jobs;

/// <summary>
/// Indexed completion mode as upstream's: each pod carries its completion index in an annotation and a
/// label, sees it as JOB_COMPLETION_INDEX, and is named and hostnamed after it; status.completedIndexes
/// lists the succeeded indexes as ranges ("0-2,5").
/// </summary>
internal static class JobIndexes
{
    public const string IndexKey = "batch.kubernetes.io/job-completion-index";

    public const string IndexEnv = "JOB_COMPLETION_INDEX";

    public const string Indexed = "Indexed";

    public static bool IsIndexed(Job job) => job.Spec?.CompletionMode == Indexed;

    /// <summary>The pod's completion index, or null when it has none or an unusable one.</summary>
    public static int? Of(Pod pod) =>
        pod.Metadata?.Annotations?.GetValueOrDefault(IndexKey) is { } text
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    /// <summary>Parses completedIndexes; malformed parts are skipped (the controller rewrites the field).</summary>
    public static SortedSet<int> Parse(string? text)
    {
        var set = new SortedSet<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-');
            if (bounds.Length is 1 or 2
                && int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                for (var i = first; i <= last; i++)
                {
                    set.Add(i);
                }
            }
        }

        return set;
    }

    public static string? Format(SortedSet<int> indexes)
    {
        if (indexes.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        int? start = null, previous = null;
        foreach (var index in indexes.Append(int.MinValue))
        {
            if (previous is { } p && index != p + 1)
            {
                text.Append(text.Length > 0 ? "," : "").Append(start!.Value.ToString(CultureInfo.InvariantCulture));
                if (p != start)
                {
                    text.Append('-').Append(p.ToString(CultureInfo.InvariantCulture));
                }

                start = null;
            }

            start ??= index;
            previous = index;
        }

        return text.ToString();
    }

    /// <summary>Stamps <paramref name="index"/> onto a pod made from the Job's template.</summary>
    public static void Stamp(Pod pod, Job job, int index)
    {
        var text = index.ToString(CultureInfo.InvariantCulture);
        var meta = pod.Metadata!;
        meta.GenerateName = $"{job.Metadata!.Name}-{text}-";
        (meta.Annotations ??= new(StringComparer.Ordinal))[IndexKey] = text;
        (meta.Labels ??= new(StringComparer.Ordinal))[IndexKey] = text;
        var spec = pod.Spec!;
        if (string.IsNullOrEmpty(spec.Hostname))
        {
            spec.Hostname = $"{job.Metadata.Name}-{text}";
        }

        foreach (var container in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
        {
            var env = container.Env ??= [];
            if (!env.Any(e => e.Name == IndexEnv))
            {
                env.Add(new EnvVar { Name = IndexEnv, ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = $"metadata.annotations['{IndexKey}']" } } });
            }
        }
    }
}
