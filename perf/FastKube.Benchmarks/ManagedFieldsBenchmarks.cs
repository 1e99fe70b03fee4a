using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using FastKube.Api.Apply;
using FastKube.Api.Core;
using FastKube.Api.Serialization;
using FastKube.Bench;

namespace FastKube.Benchmarks;

/// <summary>
/// The cost managedFields bookkeeping adds to one write of the realistic Pod of SampleObjects: the JSON tree the
/// API server builds from the typed object, the Update entry of a create (a diff against nothing), and a re-apply
/// of an unchanged configuration. docs/server-side-apply.md quotes the figures.
/// Run: dotnet run -c Release --project perf/FastKube.Benchmarks -- --filter '*ManagedFieldsBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class ManagedFieldsBenchmarks
{
    private static readonly ApplyRequest Request = new("kubectl-create", "v1", "", HasStatus: true, Force: false, DateTimeOffset.UnixEpoch);

    private Pod pod = null!;
    private JsonObject podJson = null!;
    private ApplyOutcome applied = null!;

    [GlobalSetup]
    public void Setup()
    {
        pod = SampleObjects.Pod();
        pod.Status = null;
        podJson = ToJson();
        applied = FieldManager.Apply(null, null, podJson, typeof(Pod), Request with { Manager = "kubectl" });
    }

    [Benchmark(Baseline = true)]
    public JsonObject ToJson() => (JsonObject)JsonNode.Parse(KubeJson.Serialize(pod))!;

    [Benchmark]
    public int Update_Create_Pod() => FieldManager.Update(null, podJson, null, typeof(Pod), Request)!.Count;

    [Benchmark]
    public int Apply_Unchanged_Pod() => FieldManager.Apply(applied.Object, applied.ManagedFields, podJson, typeof(Pod), Request with { Manager = "kubectl" }).ManagedFields!.Count;
}
