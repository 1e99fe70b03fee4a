using System.Buffers;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;

namespace FastKube.Api.Tests.Serialization.MessagePack;

public class WatchFrameTests
{
    private static readonly byte[] EncodedSample = KubeMsgPack.Serialize(new ShapeSample { Text = "a", Small = 1 });

    [Fact]
    public void WriteFrame_SmallObject_ExactBytes()
    {
        byte[] frame = WatchFrame.EncodeFrame(WatchEventTypes.Added, EncodedSample);
        // length 15 | fixmap 2 | 1 | "ADDED" | 2 | {1: "a", 3: 1}
        Assert.Equal("0000000f" + "82" + "01" + "a54144444544" + "02" + "8201a1610301", Convert.ToHexStringLower(frame));
        Assert.Equal(frame.Length, WatchFrame.GetFrameLength(WatchEventTypes.Added, EncodedSample.Length));
    }

    [Fact]
    public void WriteFrame_UnknownEventType_Throws()
    {
        Assert.Throws<ArgumentException>(() => WatchFrame.EncodeFrame("UPDATED", EncodedSample));
    }

    [Theory]
    [InlineData(WatchEventTypes.Added)]
    [InlineData(WatchEventTypes.Modified)]
    [InlineData(WatchEventTypes.Deleted)]
    [InlineData(WatchEventTypes.Bookmark)]
    [InlineData(WatchEventTypes.Error)]
    public void TryReadFrame_EachEventType_RoundTrips(string eventType)
    {
        var input = new ReadOnlySequence<byte>(WatchFrame.EncodeFrame(eventType, EncodedSample));

        Assert.Equal(WatchFrameStatus.Frame, WatchFrame.TryReadFrame(ref input, out WatchFrameData frame, out _));

        Assert.Equal(eventType, frame.EventType);
        Assert.Equal(EncodedSample, frame.Object.ToArray());
        Assert.True(input.IsEmpty);
    }

    [Fact]
    public void TryReadFrame_StreamSplitAtEveryByte_NeedMoreDataThenAllFrames()
    {
        byte[] stream = [.. WatchFrame.EncodeFrame(WatchEventTypes.Added, EncodedSample), .. WatchFrame.EncodeEvent(WatchEventTypes.Deleted, ShapeSamples.Full())];
        for (int split = 0; split < stream.Length; split++)
        {
            var partial = new ReadOnlySequence<byte>(stream, 0, split);
            var events = new List<string>();
            while (WatchFrame.TryReadFrame(ref partial, out WatchFrameData frame, out _) == WatchFrameStatus.Frame)
            {
                events.Add(frame.EventType);
            }

            long consumed = split - partial.Length;
            var rest = Segments.Split(stream.AsMemory((int)consumed), 5);
            while (WatchFrame.TryReadFrame(ref rest, out WatchFrameData frame, out _) == WatchFrameStatus.Frame)
            {
                events.Add(frame.EventType);
                if (frame.EventType == WatchEventTypes.Deleted)
                {
                    Assert.Equal("héllo wörld ✓", KubeMsgPack.Deserialize<ShapeSample>(frame.Object).Text);
                }
            }

            Assert.Equal([WatchEventTypes.Added, WatchEventTypes.Deleted], events);
            Assert.True(rest.IsEmpty);
        }
    }

    [Fact]
    public void TryReadFrame_LengthAboveLimit_ErrorBeforePayloadArrives()
    {
        var input = new ReadOnlySequence<byte>([0x01, 0x00, 0x00, 0x00]);
        Assert.Equal(WatchFrameStatus.Error, WatchFrame.TryReadFrame(ref input, out _, out MessagePackError error, maxFrameBytes: 1024));
        Assert.Equal(MessagePackResult.LimitExceeded, error.Code);
    }

    [Fact]
    public void TryReadFrame_ZeroLength_Error()
    {
        var input = new ReadOnlySequence<byte>([0, 0, 0, 0]);
        Assert.Equal(WatchFrameStatus.Error, WatchFrame.TryReadFrame(ref input, out _, out MessagePackError error));
        Assert.Equal(MessagePackResult.Invalid, error.Code);
    }

    [Fact]
    public void TryReadFrame_UnknownPayloadKey_Skipped()
    {
        // {3: "future", 1: "MODIFIED", 2: {}}
        byte[] payload = Convert.FromHexString("83" + "03a6667574757265" + "01a84d4f444946494544" + "0280");
        var input = new ReadOnlySequence<byte>([0, 0, 0, (byte)payload.Length, .. payload]);
        Assert.Equal(WatchFrameStatus.Frame, WatchFrame.TryReadFrame(ref input, out WatchFrameData frame, out _));
        Assert.Equal(WatchEventTypes.Modified, frame.EventType);
        Assert.Equal([0x80], frame.Object.ToArray());
    }

    [Theory]
    // No object.
    [InlineData("8101a54144444544")]
    // No type.
    [InlineData("810280")]
    // Type is not a string.
    [InlineData("82010102 80")]
    // Object (not last) truncated inside the payload.
    [InlineData("8202828201a5414444454401")]
    // Object is not last and trailing bytes follow the map.
    [InlineData("820280" + "01a5414444454400")]
    public void TryReadFrame_MalformedPayload_Error(string hex)
    {
        byte[] payload = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        var input = new ReadOnlySequence<byte>([0, 0, 0, (byte)payload.Length, .. payload]);
        Assert.Equal(WatchFrameStatus.Error, WatchFrame.TryReadFrame(ref input, out _, out MessagePackError error));
        Assert.True(error.IsError);
    }

    [Theory]
    // Object truncated (the last entry runs to the payload end, so the object decoder finds it).
    [InlineData("8201a541444445440282", MessagePackResult.EndOfData)]
    // Trailing bytes after the object.
    [InlineData("8201a54144444544028000", MessagePackResult.Invalid)]
    public void TryReadFrame_BadLastObject_FrameReturnedObjectDecodeFails(string hex, MessagePackResult code)
    {
        byte[] payload = Convert.FromHexString(hex);
        var input = new ReadOnlySequence<byte>([0, 0, 0, (byte)payload.Length, .. payload]);
        Assert.Equal(WatchFrameStatus.Frame, WatchFrame.TryReadFrame(ref input, out WatchFrameData frame, out _));
        Assert.False(KubeMsgPack.TryDeserialize(frame.Object, out ShapeSample? _, out MessagePackError error));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void TryReadFrame_ErrorEventWithStatus_DecodesStatus()
    {
        var status = new Status { Kind = "Status", ApiVersion = "v1", Outcome = Status.Failure, Code = 410, Reason = "Expired", Message = "too old resource version" };
        var input = new ReadOnlySequence<byte>(WatchFrame.EncodeEvent(WatchEventTypes.Error, status));
        Assert.Equal(WatchFrameStatus.Frame, WatchFrame.TryReadFrame(ref input, out WatchFrameData frame, out _));
        Assert.Equal(410, KubeMsgPack.Deserialize<Status>(frame.Object).Code);
    }

    [Fact]
    public void TryReadFrame_RandomStreams_NeverThrow()
    {
        var random = new Random(99);
        var buffer = new byte[64];
        for (int i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            buffer[0] = 0;
            buffer[1] = 0;
            buffer[2] = 0;
            buffer[3] = (byte)random.Next(1, 60);
            var input = new ReadOnlySequence<byte>(buffer);
            WatchFrameStatus status = WatchFrame.TryReadFrame(ref input, out _, out MessagePackError error);
            Assert.Equal(status == WatchFrameStatus.Error, error.IsError);
        }
    }
}
