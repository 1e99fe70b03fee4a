using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace FastKube.Api.Serialization.MessagePack;

/// <summary>
/// A small, lossy, process-wide table of recently decoded short ASCII strings. Kubernetes objects repeat the
/// same short values ("v1", "TCP", "True", "Ready", "IfNotPresent", label keys, image names), and a watch
/// decodes them again for every event; a hit skips validation, transcoding and the allocation. Measured on the
/// SampleObjects Pod, string decoding was about a fifth of decode time before this table.
/// Entries are immutable objects (atomic to read and replace), so threads need no locks; a collision just
/// replaces the slot, and hostile input can at worst make every lookup miss.
/// </summary>
internal static class Utf8StringCache
{
    /// <summary>
    /// Longest string (bytes) kept: enough for image references and IDs, which repeat across the pods of a
    /// workload; longer values (messages) rarely repeat. Worst case the table holds 4096 × 64 chars, 512 KiB.
    /// </summary>
    public const int MaxLength = 64;

    /// <summary>Up to this length the head and tail words cover every byte, so comparing them is comparing the string.</summary>
    private const int CoveredLength = 16;

    /// <summary>4096 slots: an object's 60-100 distinct strings then rarely share a slot (two that do evict each other on every decode).</summary>
    private const int Bits = 12;

    private static readonly Entry?[] Slots = new Entry?[1 << Bits];

    /// <summary>
    /// The cached string equal to <paramref name="utf8"/>, or null (then <paramref name="slot"/> is where
    /// <see cref="Store"/> puts it). A hit on a string of up to 16 bytes costs two word compares and no call:
    /// the entry keeps the same head and tail words the slot was computed from (about 7 ns per string before,
    /// most of it the general-purpose UTF-8/UTF-16 comparison). The table is two-way: a string may sit in either
    /// slot of its pair, so two strings of one object that hash to the same pair do not evict each other on every
    /// decode (the SampleObjects Pod had such a pair).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? Find(ReadOnlySpan<byte> utf8, out int slot)
    {
        Words(utf8, out ulong head, out ulong tail);
        slot = Mix(head, tail, utf8.Length, Bits) & ~1;
        return Match(Slots[slot], utf8, head, tail) ?? Match(Slots[slot | 1], utf8, head, tail);
    }

    /// <summary>
    /// Caches <paramref name="value"/>, the ASCII string of <paramref name="utf8"/>, in the first slot of the pair
    /// <see cref="Find"/> gave; what was there moves to the second (replacing the older of the two).
    /// </summary>
    public static void Store(ReadOnlySpan<byte> utf8, int slot, string value)
    {
        Words(utf8, out ulong head, out ulong tail);
        Slots[slot | 1] = Slots[slot];
        Slots[slot] = new Entry(head, tail, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static string? Match(Entry? entry, ReadOnlySpan<byte> utf8, ulong head, ulong tail) =>
        entry is not null && entry.Head == head && entry.Tail == tail && entry.Value.Length == utf8.Length
            && (utf8.Length <= CoveredLength || Ascii.Equals(utf8, entry.Value))
            ? entry.Value
            : null;

    /// <summary>
    /// Table slot of a UTF-8 string: its head and tail words and its length mixed by one multiplication,
    /// instead of a full hash: this runs for every decoded string, and a collision only costs a miss (values
    /// that differ only in their middle bytes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Slot(ReadOnlySpan<byte> utf8, int bits)
    {
        Words(utf8, out ulong head, out ulong tail);
        return Mix(head, tail, utf8.Length, bits);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Mix(ulong head, ulong tail, int length, int bits)
    {
        const ulong Multiplier = 0x9E37_79B9_7F4A_7C15;
        return (int)((((head ^ BitOperations.RotateLeft(tail, 29)) + (ulong)length) * Multiplier) >> (64 - bits));
    }

    /// <summary>
    /// The first and last eight bytes (four for 4-7 bytes; all bytes in <paramref name="head"/> below four),
    /// overlapping for short strings, so that together with the length they determine strings of up to 16 bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Words(ReadOnlySpan<byte> utf8, out ulong head, out ulong tail)
    {
        ref byte first = ref MemoryMarshal.GetReference(utf8);
        int length = utf8.Length;
        if (length >= 8)
        {
            head = Unsafe.ReadUnaligned<ulong>(ref first);
            tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, length - 8));
        }
        else if (length >= 4)
        {
            head = Unsafe.ReadUnaligned<uint>(ref first);
            tail = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref first, length - 4));
        }
        else
        {
            head = 0;
            tail = 0;
            for (int i = 0; i < length; i++)
            {
                head = (head << 8) | Unsafe.Add(ref first, i);
            }
        }
    }

    private sealed class Entry(ulong head, ulong tail, string value)
    {
        public ulong Head { get; } = head;

        public ulong Tail { get; } = tail;

        public string Value { get; } = value;
    }
}
