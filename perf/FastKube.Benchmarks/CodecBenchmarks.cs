using System.Buffers;
using BenchmarkDotNet.Attributes;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;
using FastKube.Bench;

namespace FastKube.Benchmarks;

/// <summary>
/// FastKube's MessagePack codec against the System.Text.Json path (KubeJson) for the realistic Pod of
/// SampleObjects; the targets are encode+decode at least 5x faster and at least 2x smaller.
/// Run: dotnet run -c Release --project perf/FastKube.Benchmarks -- --filter '*CodecBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> output = new(16 * 1024);
    private Pod pod = null!;
    private byte[] msgpack = null!;
    private byte[] json = null!;
    private byte[] frame = null!;

    [GlobalSetup]
    public void Setup()
    {
        pod = SampleObjects.Pod();
        msgpack = KubeMsgPack.Serialize(pod);
        json = KubeJson.Serialize(pod);
        frame = WatchFrame.EncodeFrame(WatchEventTypes.Modified, msgpack);
    }

    [Benchmark]
    public byte[] MsgPack_Encode_Pod() => KubeMsgPack.Serialize(pod);

    [Benchmark]
    public int MsgPack_EncodeToBuffer_Pod()
    {
        output.ResetWrittenCount();
        KubeMsgPack.Serialize(output, pod);
        return output.WrittenCount;
    }

    [Benchmark]
    public Pod MsgPack_Decode_Pod() => KubeMsgPack.Deserialize<Pod>(msgpack);

    [Benchmark(Baseline = true)]
    public byte[] Json_Encode_Pod() => KubeJson.Serialize(pod);

    [Benchmark]
    public Pod? Json_Decode_Pod() => KubeJson.Deserialize<Pod>(json);

    [Benchmark]
    public Pod MsgPack_DecodeWatchFrame_Pod()
    {
        var input = new ReadOnlySequence<byte>(frame);
        WatchFrame.TryReadFrame(ref input, out WatchFrameData data, out _);
        return KubeMsgPack.Deserialize<Pod>(data.Object);
    }
}
