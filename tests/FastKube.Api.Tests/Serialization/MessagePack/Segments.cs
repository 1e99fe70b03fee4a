using System.Buffers;

namespace FastKube.Api.Tests.Serialization.MessagePack;

/// <summary>Builds multi-segment sequences, as a socket reader delivers them.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Split(ReadOnlyMemory<byte> data, int segmentLength)
    {
        Segment? first = null;
        Segment? last = null;
        for (int offset = 0; offset < data.Length; offset += segmentLength)
        {
            ReadOnlyMemory<byte> piece = data.Slice(offset, Math.Min(segmentLength, data.Length - offset));
            last = last is null ? first = new Segment(piece, 0) : last.Append(piece);
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
