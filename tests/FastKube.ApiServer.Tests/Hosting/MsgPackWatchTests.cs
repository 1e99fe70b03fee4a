using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FastKube.Api.Core;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;
using FastKube.Api.Tests.Serialization.MessagePack;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>The MessagePack watch (docs/watch-protocol.md) read with our frame decoder and with Debian's python3-msgpack.</summary>
public sealed class MsgPackWatchTests : IAsyncLifetime
{
    // Reads the raw watch body from stdin and prints "TYPE name" per frame, using only the documented
    // framing and keys (event: 1 type, 2 object; object: 3 metadata; metadata: 1 name).
    private const string PythonDecoder = """
        import sys, msgpack
        data = sys.stdin.buffer.read()
        while data:
            n = int.from_bytes(data[:4], "big")
            event = msgpack.unpackb(data[4:4 + n], strict_map_key=False)
            print(event[1], event[2][3][1])
            data = data[4 + n:]
        """;

    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Watch_AcceptMsgPack_StreamsFramesOfTypedObjects()
    {
        var raw = await WatchThreeChanges();

        var frames = Frames(raw);

        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], frames.Select(f => f.Type));
        Assert.All(frames, f => Assert.Equal("m1", f.Object.Metadata!.Name));
        Assert.Equal("2", frames[1].Object.Data!["a"]);
    }

    [PythonMsgPackFact]
    public async Task Watch_AcceptMsgPack_DecodesWithPythonMsgPack()
    {
        var raw = await WatchThreeChanges();
        var start = new ProcessStartInfo(PythonMsgPackFactAttribute.Python, ["-c", PythonDecoder])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var python = Process.Start(start)!;
        await python.StandardInput.BaseStream.WriteAsync(raw);
        python.StandardInput.Close();
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();

        Assert.True(python.ExitCode == 0, error);
        Assert.Equal("ADDED m1\nMODIFIED m1\nDELETED m1\n", output);
    }

    private async Task<byte[]> WatchThreeChanges()
    {
        var list = await _cluster.Admin.GetStringAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative));
        var rv = System.Text.Json.JsonDocument.Parse(list).RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(KubeMsgPack.ContentType));
        using var response = await _cluster.Admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(KubeMsgPack.ContentType, response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync();

        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"m1"},"data":{"a":"1"}}""");
        await _cluster.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/m1", """{"data":{"a":"2"}}""", "application/merge-patch+json");
        await _cluster.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/m1", null);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = new MemoryStream();
        var chunk = new byte[4096];
        while (Frames(received.ToArray()).Count < 3)
        {
            var read = await body.ReadAsync(chunk, deadline.Token);
            Assert.NotEqual(0, read);
            received.Write(chunk, 0, read);
        }

        return received.ToArray();
    }

    private static List<(string Type, ConfigMap Object)> Frames(byte[] raw)
    {
        var frames = new List<(string, ConfigMap)>();
        var input = new ReadOnlySequence<byte>(raw);
        while (WatchFrame.TryReadFrame(ref input, out var frame, out _) == WatchFrameStatus.Frame)
        {
            frames.Add((frame.EventType, KubeMsgPack.Deserialize<ConfigMap>(frame.Object)));
        }

        return frames;
    }
}
