using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace FastKube.Api.Serialization.MessagePack;

/// <summary>
/// A small, lossy, process-wide table of recently decoded short ASCII strings. Kubernetes objects repeat the
/// same short values ("v1", "TCP", "True", "Ready", "IfNotPresent", label keys, image names), and a watch
/// decodes them again for every event; a hit skips validation, transcoding and the allocation. Measured on the
/// SampleObjects Pod, string decoding was about a fifth of decode time before this table.
/// Entries are plain string references (atomic to read and replace), so threads need no locks; a collision
/// just replaces the slot, and hostile input can at worst make every lookup miss.
/// </summary>
internal static class Utf8StringCache
{
    /// <summary>
    /// Longest string (bytes) kept: enough for image references and IDs, which repeat across the pods of a
    /// workload; longer values (messages) rarely repeat. Worst case the table holds 2048 × 64 chars, 256 KiB.
    /// </summary>
    public const int MaxLength = 64;

    private const int Bits = 11;

    private static readonly string?[] Slots = new string?[1 << Bits];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? Find(ReadOnlySpan<byte> utf8, out int slot)
    {
        slot = Slot(utf8);
        string? candidate = Slots[slot];
        return candidate is not null && Ascii.Equals(utf8, candidate) ? candidate : null;
    }

    public static void Store(int slot, string value) => Slots[slot] = value;

    private static int Slot(ReadOnlySpan<byte> utf8)
    {
        const ulong Multiplier = 0x9E37_79B9_7F4A_7C15;
        ulong hash = (ulong)utf8.Length * Multiplier;
        if (utf8.Length >= 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * Multiplier;
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..])) * Multiplier;
            if (utf8.Length > 16)
            {
                hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8.Slice(8, 8))) * Multiplier;
                hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8.Slice(utf8.Length / 2, 8))) * Multiplier;
            }
        }
        else if (utf8.Length >= 4)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt32LittleEndian(utf8) ^ ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(utf8[^4..]) << 32)) * Multiplier;
        }
        else
        {
            foreach (byte b in utf8)
            {
                hash = (hash ^ b) * Multiplier;
            }
        }

        return (int)(hash >> (64 - Bits));
    }
}
