using FastKube.Api.Core;

namespace FastKube.Scheduler.Cache;

internal enum TaintEffect : byte
{
    NoSchedule,
    PreferNoSchedule,
    NoExecute,
    Other,
}

/// <summary>A node taint with its effect decoded once, kept beside the source for messages.</summary>
internal readonly record struct CompiledTaint(string Key, string Value, TaintEffect Effect)
{
    public static TaintEffect ParseEffect(string? effect) => effect switch
    {
        TaintEffects.NoSchedule => TaintEffect.NoSchedule,
        TaintEffects.PreferNoSchedule => TaintEffect.PreferNoSchedule,
        TaintEffects.NoExecute => TaintEffect.NoExecute,
        _ => TaintEffect.Other,
    };

    /// <summary>Upstream's Toleration.ToleratesTaint: effect empty or equal; Exists matches any value, Equal (default) the same value; an empty key with Exists matches every taint.</summary>
    public bool ToleratedBy(Toleration toleration)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && CompiledTaint.ParseEffect(toleration.Effect) != Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != Key)
        {
            return false;
        }

        return toleration.Operator switch
        {
            TolerationOperators.Exists => true,
            TolerationOperators.Equal or null or "" => (toleration.Value ?? "") == Value,
            _ => false,
        };
    }

    public bool ToleratedByAny(List<Toleration>? tolerations)
    {
        foreach (var toleration in tolerations ?? [])
        {
            if (ToleratedBy(toleration))
            {
                return true;
            }
        }

        return false;
    }
}
