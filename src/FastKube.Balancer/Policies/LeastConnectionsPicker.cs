using System.Net;

namespace FastKube.Balancer.Policies;

/// <summary>Fewest active connections per weight; the scan starts one further each pick so ties rotate instead of piling on backend 0.</summary>
internal sealed class LeastConnectionsPicker(int[] weights) : BackendPicker
{
    private long _start = -1;

    public override int Pick(in Candidates candidates, IPAddress client) =>
        Least(candidates, weights, (int)((ulong)Interlocked.Increment(ref _start) % (ulong)Math.Max(1, weights.Length)));

    internal static int Least(in Candidates candidates, int[] weights, int start)
    {
        var best = -1;
        long bestActive = 0;
        for (var step = 0; step < weights.Length; step++)
        {
            var index = (start + step) % weights.Length;
            if (!candidates.IsEligible(index))
            {
                continue;
            }

            var active = candidates.Active(index);
            if (best < 0 || LessLoaded(active, weights[index], bestActive, weights[best]))
            {
                best = index;
                bestActive = active;
            }
        }

        return best;
    }
}
