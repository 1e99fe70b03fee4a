namespace FastKube.Scheduler.Framework;

/// <summary>Upstream's score helpers: MaxNodeScore and DefaultNormalizeScore.</summary>
internal static class ScoreMath
{
    public const long MaxNodeScore = 100;

    /// <summary>Scales so the highest raw score becomes 100 (reverse: the highest becomes 0); all-zero scores become 0, or 100 when reversed.</summary>
    public static void DefaultNormalize(Span<long> scores, bool reverse)
    {
        long max = 0;
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
        }

        if (max == 0)
        {
            if (reverse)
            {
                scores.Fill(MaxNodeScore);
            }

            return;
        }

        for (var i = 0; i < scores.Length; i++)
        {
            var scaled = MaxNodeScore * scores[i] / max;
            scores[i] = reverse ? MaxNodeScore - scaled : scaled;
        }
    }
}
