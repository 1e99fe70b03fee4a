using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;
using FastKube.Client.Http;

namespace FastKube.Client.Tests.Http;

public sealed class WatchFrameReaderTests
{
    [Fact]
    public async Task ReadAsync_FramesSplitIntoSingleBytes_ReadsEachWhole()
    {
        var bytes = Frames(("ADDED", "a"), ("MODIFIED", "b"), ("DELETED", "c"));
        var reader = new WatchFrameReader(new TrickleStream(bytes, chunk: 1), WatchFrame.DefaultMaxFrameBytes);

        var seen = new List<string>();
        while (await reader.ReadAsync(CancellationToken.None) is { } frame)
        {
            seen.Add($"{frame.EventType} {KubeMsgPack.Deserialize<ConfigMap>(frame.Object).Metadata!.Name}");
        }

        Assert.Equal(["ADDED a", "MODIFIED b", "DELETED c"], seen);
    }

    [Fact]
    public async Task ReadAsync_FrameLargerThanBuffer_GrowsAndReads()
    {
        var big = new ConfigMap { Metadata = new ObjectMeta { Name = "big" }, Data = new() { ["blob"] = new string('x', 200_000) } };
        var reader = new WatchFrameReader(new TrickleStream(WatchFrame.EncodeEvent("ADDED", big), chunk: 7000), WatchFrame.DefaultMaxFrameBytes);

        var frame = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(200_000, KubeMsgPack.Deserialize<ConfigMap>(frame!.Value.Object).Data!["blob"].Length);
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_StreamEndsInsideFrame_Throws()
    {
        var bytes = Frames(("ADDED", "a"));
        var reader = new WatchFrameReader(new MemoryStream(bytes[..^3]), WatchFrame.DefaultMaxFrameBytes);

        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_FrameOverLimit_ThrowsBeforeReadingIt()
    {
        var reader = new WatchFrameReader(new MemoryStream(Frames(("ADDED", "a"))), maxFrameBytes: 8);

        var e = await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadAsync(CancellationToken.None));

        Assert.Contains("exceeds the limit of 8", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Frames(params (string Type, string Name)[] events) =>
        events.SelectMany(e => WatchFrame.EncodeEvent(e.Type, new ConfigMap { Metadata = new ObjectMeta { Name = e.Name, Namespace = "default" } })).ToArray();

    /// <summary>Returns at most <c>chunk</c> bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
