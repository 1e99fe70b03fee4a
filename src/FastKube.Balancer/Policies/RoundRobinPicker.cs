using System.Net;

namespace FastKube.Balancer.Policies;

/// <summary>
/// Weighted round robin over a schedule precomputed with nginx's smooth algorithm (weights reduced by their
/// gcd, so equal weights give a schedule of one slot per backend); a pick is one Interlocked increment.
/// </summary>
internal sealed class RoundRobinPicker : BackendPicker
{
    private readonly int[] _schedule;
    private long _next = -1;

    public RoundRobinPicker(ReadOnlySpan<int> weights)
    {
        _schedule = Schedule(weights);
    }

    internal static int[] Schedule(ReadOnlySpan<int> weights)
    {
        if (weights.IsEmpty)
        {
            return [];
        }

        var divisor = 0;
        foreach (var weight in weights)
        {
            divisor = Gcd(divisor, weight);
        }

        var reduced = new int[weights.Length];
        var total = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            reduced[i] = weights[i] / divisor;
            total += reduced[i];
        }

        var current = new int[weights.Length];
        var schedule = new int[total];
        for (var slot = 0; slot < total; slot++)
        {
            var best = 0;
            for (var i = 0; i < reduced.Length; i++)
            {
                current[i] += reduced[i];
                if (current[i] > current[best])
                {
                    best = i;
                }
            }

            current[best] -= total;
            schedule[slot] = best;
        }

        return schedule;
    }

    public override int Pick(in Candidates candidates, IPAddress client)
    {
        var length = _schedule.Length;
        if (length == 0)
        {
            return -1;
        }

        var start = (ulong)Interlocked.Increment(ref _next);
        for (var step = 0; step < length; step++)
        {
            var index = _schedule[(int)((start + (ulong)step) % (ulong)length)];
            if (candidates.IsEligible(index))
            {
                return index;
            }
        }

        return -1;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
