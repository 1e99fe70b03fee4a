using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.Api.Defaulting;

/// <summary>
/// The Job registry's generateSelector step (upstream PrepareForCreate when manualSelector is not
/// true): the pod template gets the job-name and controller-uid labels, old and new spellings,
/// and the selector picks the new controller-uid label. It needs the uid the API server assigns,
/// so it is separate from <see cref="Defaults.Apply"/>, which runs at decode time.
/// </summary>
public static class JobSelectors
{
    public const string LegacyJobNameLabel = "job-name";
    public const string JobNameLabel = "batch.kubernetes.io/job-name";
    public const string LegacyControllerUidLabel = "controller-uid";
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";

    public static void Generate(Job job)
    {
        var spec = job.Spec ??= new JobSpec();
        if (spec.ManualSelector == true)
        {
            return;
        }

        var name = job.Metadata?.Name ?? "";
        var uid = job.Metadata?.Uid ?? "";
        var template = spec.Template ??= new PodTemplateSpec();
        var meta = template.Metadata ??= new ObjectMeta();
        var labels = meta.Labels ??= new Dictionary<string, string>(StringComparer.Ordinal);

        // Labels the user already set stay; a conflicting value then fails validation.
        labels.TryAdd(LegacyJobNameLabel, name);
        labels.TryAdd(JobNameLabel, name);
        labels.TryAdd(LegacyControllerUidLabel, uid);
        labels.TryAdd(ControllerUidLabel, uid);
        var selector = spec.Selector ??= new LabelSelector();
        (selector.MatchLabels ??= new Dictionary<string, string>(StringComparer.Ordinal)).TryAdd(ControllerUidLabel, uid);

        // Upstream defaults a stored job again whenever it is read back, so a job created without labels shows
        // its template's (job-name, controller-uid): the same defaulting step, run once more here.
        if (job.Metadata is { } jobMeta && (jobMeta.Labels is null || jobMeta.Labels.Count == 0))
        {
            jobMeta.Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal);
        }
    }
}
