using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastKube.Api.Apps;
using FastKube.Api.Coordination;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;
using FastKube.Bench;

namespace FastKube.Api.Tests.Serialization.MessagePack;

/// <summary>
/// Proof that docs/watch-protocol.md and docs/msgpack-schema.md suffice for a client in another language:
/// testdata/msgpack_interop.py (python3-msgpack, nothing FastKube-specific) decodes our frames into exactly the
/// Kubernetes JSON of the object, and encodes Kubernetes JSON into frames we decode.
/// </summary>
public sealed class PythonInteropTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("fastkube-msgpack-interop-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [PythonMsgPackFact]
    public void PodFrame_EncodedHere_PythonDecodesToItsKubernetesJson()
    {
        AssertPythonDecodes(SampleObjects.Pod(), "Core.Pod", WatchEventTypes.Modified);
    }

    [PythonMsgPackFact]
    public void StatusErrorFrame_EncodedHere_PythonDecodes()
    {
        var status = new Status
        {
            ApiVersion = "v1",
            Kind = "Status",
            Outcome = Status.Failure,
            Message = "too old resource version: 5 (184467)",
            Reason = "Expired",
            Code = 410,
            Details = new StatusDetails { Causes = [new StatusCause { Reason = "FieldValueInvalid", Field = "metadata.resourceVersion" }] },
        };
        AssertPythonDecodes(status, "Meta.Status", WatchEventTypes.Error);
    }

    [PythonMsgPackFact]
    public void SecretWithBinaryData_EncodedHere_PythonDecodesBase64()
    {
        var secret = new Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new ObjectMeta { Name = "db", Namespace = "shop" },
            Data = new() { ["password"] = [0x00, 0xff, 0x10, 0x80], ["user"] = "admin"u8.ToArray() },
            Type = "Opaque",
        };
        AssertPythonDecodes(secret, "Core.Secret", WatchEventTypes.Added);
    }

    [PythonMsgPackFact]
    public void ControllerRevisionRawJson_EncodedHere_PythonDecodesNaturalValues()
    {
        var revision = new ControllerRevision
        {
            ApiVersion = "apps/v1",
            Kind = "ControllerRevision",
            Metadata = new ObjectMeta { Name = "web-5d8f", Namespace = "shop" },
            Data = JsonDocument.Parse("""{"spec":{"template":{"replicas":3,"ratio":0.75,"tags":["a","b"],"on":true,"none":null}}}""").RootElement.Clone(),
            Revision = 7_000_000_000,
        };
        AssertPythonDecodes(revision, "Apps.ControllerRevision", WatchEventTypes.Deleted);
    }

    [PythonMsgPackFact]
    public void PodFrame_EncodedByPython_DecodesToTheSameObject()
    {
        string json = KubeJson.SerializeToString(SampleObjects.Pod());

        Pod pod = DecodePythonFrame<Pod>(json, "Core.Pod", WatchEventTypes.Added);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(KubeJson.SerializeToString(pod))));
        Container web = pod.Spec!.Containers![0];
        Assert.Equal(8080, web.Ports![0].Port);
        Assert.Equal("http", web.LivenessProbe!.HttpGet!.Port!.Value.StringValue);
        Assert.Equal(8080, web.ReadinessProbe!.HttpGet!.Port!.Value.IntValue);
        Assert.Equal("250m", web.Resources!.Requests!["cpu"].ToString());
        Assert.Equal("metadata.name", web.Env![1].ValueFrom!.FieldRef!.FieldPath);
        Assert.Equal(new DateTimeOffset(2024, 11, 5, 9, 14, 27, TimeSpan.Zero), pod.Metadata!.CreationTimestamp);
        Assert.Equal("Burstable", pod.Status!.QOSClass);
    }

    [PythonMsgPackFact]
    public void LeaseWithMicroTime_EncodedByPython_KeepsMicroseconds()
    {
        const string Json = """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"node-17","namespace":"kube-node-lease"},
             "spec":{"holderIdentity":"node-17","leaseDurationSeconds":40,"renewTime":"2024-11-05T09:15:01.123456Z"}}
            """;

        Lease lease = DecodePythonFrame<Lease>(Json, "Coordination.Lease", WatchEventTypes.Modified);

        Assert.Equal(new DateTimeOffset(2024, 11, 5, 9, 15, 1, TimeSpan.Zero).AddTicks(1_234_560), lease.Spec!.RenewTime);
        Assert.Equal(40, lease.Spec.LeaseDurationSeconds);
    }

    private void AssertPythonDecodes<T>(T value, string schemaType, string eventType)
        where T : class
    {
        string frame = Path.Combine(directory, "frame.bin");
        string json = Path.Combine(directory, "object.json");
        File.WriteAllBytes(frame, WatchFrame.EncodeEvent(eventType, value));
        File.WriteAllText(json, KubeJson.SerializeToString(value));

        (int exitCode, string output) = RunPython("decode-frame", Golden.PathOf("docs/msgpack-schema.md"), schemaType, frame, eventType, json);

        Assert.True(exitCode == 0, output);
        Assert.Equal("OK", output.Trim());
    }

    private T DecodePythonFrame<T>(string json, string schemaType, string eventType)
        where T : class
    {
        string input = Path.Combine(directory, "input.json");
        string frame = Path.Combine(directory, "python-frame.bin");
        File.WriteAllText(input, json);

        (int exitCode, string output) = RunPython("encode-frame", Golden.PathOf("docs/msgpack-schema.md"), schemaType, input, eventType, frame);
        Assert.True(exitCode == 0, output);

        var bytes = new System.Buffers.ReadOnlySequence<byte>(File.ReadAllBytes(frame));
        Assert.Equal(WatchFrameStatus.Frame, WatchFrame.TryReadFrame(ref bytes, out WatchFrameData data, out MessagePackError error));
        Assert.False(error.IsError);
        Assert.True(bytes.IsEmpty);
        Assert.Equal(eventType, data.EventType);
        return KubeMsgPack.Deserialize<T>(data.Object);
    }

    private static (int ExitCode, string Output) RunPython(params string[] arguments)
    {
        var start = new ProcessStartInfo(PythonMsgPackFactAttribute.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Golden.PathOf("tests/FastKube.Api.Tests/testdata/msgpack_interop.py"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "python did not finish");
        return (process.ExitCode, output + error.Result);
    }
}
