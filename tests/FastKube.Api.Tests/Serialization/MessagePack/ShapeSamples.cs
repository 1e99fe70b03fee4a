using System.Text.Json;

namespace FastKube.Api.Tests.Serialization.MessagePack;

/// <summary>Builders of <see cref="ShapeSample"/> instances for the codec tests.</summary>
internal static class ShapeSamples
{
    public static ShapeSample Full(Action<ShapeSample>? mutate = null)
    {
        var sample = new ShapeSample
        {
            Text = "héllo wörld ✓",
            Flag = true,
            Small = -42,
            Large = 1L << 40,
            Ratio = 0.25,
            When = new DateTimeOffset(2024, 5, 1, 12, 30, 15, 123, TimeSpan.Zero).AddTicks(4567),
            Blob = [0, 1, 2, 255],
            Raw = JsonDocument.Parse("""{"a":[1,2.5,"x",true,null,{"b":{}}],"big":18446744073709551615,"neg":-7}""").RootElement.Clone(),
            Child = new ShapeChild { Name = "first", Port = 8080, Next = new ShapeChild { Name = "second" } },
            Names = ["a", "b", new string('x', 300)],
            Children = [new ShapeChild { Name = "c0", Port = 1 }, new ShapeChild { Name = "c1", Port = 2 }],
            Matrix = [["r0c0", "r0c1"], [], ["r2c0"]],
            Labels = new() { ["app"] = "web", ["tier"] = "frontend" },
            ChildrenByName = new() { ["x"] = new ShapeChild { Port = 9 } },
            Groups = new() { ["g"] = ["m1", "m2"] },
            Blobs = new() { ["key"] = [1, 2, 3] },
            Numbers = [0, -1, 127, 128, int.MaxValue, int.MinValue],
            PodIPs = ["10.0.0.1"],
            HighKey = "k127",
            WideKey = 300,
        };
        mutate?.Invoke(sample);
        return sample;
    }
}
