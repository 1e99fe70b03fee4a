using System.Net;

namespace FastKube.Balancer.Policies;

/// <summary>
/// Ring hash of the client IP (ketama-style): each backend owns <see cref="PointsPerWeight"/> × weight points
/// placed by hashing its endpoint, so a backend's points do not depend on the others and removing one moves
/// only the clients it held. An ineligible owner passes the client to the next point clockwise.
/// </summary>
internal sealed class ConsistentHashPicker : BackendPicker
{
    // 100 points per unit of weight keeps the share of 10 equal backends within about ±10% of fair.
    internal const int PointsPerWeight = 100;

    private readonly ulong[] _hashes;
    private readonly int[] _owners;

    public ConsistentHashPicker(ReadOnlySpan<int> weights, IReadOnlyList<IPEndPoint> endpoints)
    {
        var points = new List<(ulong Hash, int Owner)>();
        Span<byte> key = stackalloc byte[16 + 2 + 4];
        for (var i = 0; i < weights.Length; i++)
        {
            endpoints[i].Address.TryWriteBytes(key, out var length);
            key[length] = (byte)(endpoints[i].Port >> 8);
            key[length + 1] = (byte)endpoints[i].Port;
            for (var point = 0; point < weights[i] * PointsPerWeight; point++)
            {
                BitConverter.TryWriteBytes(key[(length + 2)..], point);
                points.Add((Hash(key[..(length + 6)]), i));
            }
        }

        points.Sort();
        _hashes = points.Select(p => p.Hash).ToArray();
        _owners = points.Select(p => p.Owner).ToArray();
    }

    public override int Pick(in Candidates candidates, IPAddress client)
    {
        if (_hashes.Length == 0)
        {
            return -1;
        }

        Span<byte> address = stackalloc byte[16];
        client.TryWriteBytes(address, out var length);
        var index = Array.BinarySearch(_hashes, Hash(address[..length]));
        index = index < 0 ? ~index : index;
        for (var step = 0; step < _hashes.Length; step++)
        {
            var owner = _owners[(index + step) % _hashes.Length];
            if (candidates.IsEligible(owner))
            {
                return owner;
            }
        }

        return -1;
    }

    /// <summary>FNV-1a then the murmur3 finalizer, so neighbouring addresses spread over the whole ring.</summary>
    internal static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        return hash ^ (hash >> 33);
    }
}
