using System.Net;

namespace FastKube.Balancer.Policies;

/// <summary>
/// Power of two choices (Mitzenmacher): two weighted random draws, the less loaded per weight wins. When the
/// draws keep landing on ineligible backends (many ejected or already tried) (or only one backend is eligible) it falls back to a full scan.
/// </summary>
internal sealed class PowerOfTwoPicker : BackendPicker
{
    private const int Draws = 4;

    private readonly int[] _weights;
    private readonly int[] _cumulative;
    private readonly Random _random;

    public PowerOfTwoPicker(ReadOnlySpan<int> weights, Random random)
    {
        _weights = weights.ToArray();
        _cumulative = new int[weights.Length];
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            _cumulative[i] = sum;
        }

        _random = random;
    }

    public override int Pick(in Candidates candidates, IPAddress client)
    {
        if (_weights.Length == 0)
        {
            return -1;
        }

        var first = Draw(candidates, -1);
        var second = first < 0 ? -1 : Draw(candidates, first);
        if (first < 0)
        {
            return LeastConnectionsPicker.Least(candidates, _weights, 0);
        }

        if (second < 0)
        {
            return first;
        }

        return LessLoaded(candidates.Active(second), _weights[second], candidates.Active(first), _weights[first]) ? second : first;
    }

    /// <summary>A weighted draw among the backends other than <paramref name="other"/> (its weight is cut out of the range, so two backends always give two distinct choices).</summary>
    private int Draw(in Candidates candidates, int other)
    {
        var excluded = other < 0 ? 0 : _weights[other];
        var excludedStart = other < 0 ? 0 : _cumulative[other] - excluded;
        var total = _cumulative[^1] - excluded;
        if (total <= 0)
        {
            return -1;
        }

        for (var attempt = 0; attempt < Draws; attempt++)
        {
            var point = _random.Next(total);
            if (other >= 0 && point >= excludedStart)
            {
                point += excluded;
            }

            var index = Array.BinarySearch(_cumulative, point + 1);
            index = index < 0 ? ~index : index;
            if (candidates.IsEligible(index))
            {
                return index;
            }
        }

        return -1;
    }
}
