using FastKube.Api.Serialization;
using System.Collections;
using System.Reflection;
using System.Text.Json;
using FastKube.Api.Resource;
using FastKube.Api.Serialization.MessagePack;

namespace FastKube.Api.Tests.Serialization.MessagePack;

/// <summary>
/// Every API class with [WireKey] properties gets a formatter, and a fully populated instance (every property
/// set, nested objects three levels deep, two entries per collection) survives encode → decode unchanged.
/// Reflection builds the instances; the codec itself uses none.
/// </summary>
public class AllTypesRoundTripTests
{
    private static readonly MethodInfo RoundTripMethod = typeof(AllTypesRoundTripTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static TheoryData<string> ApiTypes()
    {
        var data = new TheoryData<string>();
        foreach (Type type in WireTypes())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void ApiAssembly_HasManyWireTypes()
    {
        // Guards the theory below against silently running over nothing.
        Assert.True(WireTypes().Count() > 100);
    }

    [Theory]
    [MemberData(nameof(ApiTypes))]
    public void Serialize_PopulatedInstance_RoundTripsUnchanged(string typeName)
    {
        Type type = typeof(KubeMsgPack).Assembly.GetType(typeName)!;
        object instance = Populate(type, depth: 0);
        RoundTripMethod.MakeGenericMethod(type).Invoke(null, [instance]);
    }

    private static void RoundTrip<T>(T value)
        where T : class
    {
        Assert.True(KubeMsgPack.CanSerialize<T>(), $"no formatter for {typeof(T)}");
        byte[] bytes = KubeMsgPack.Serialize(value);
        T read = KubeMsgPack.Deserialize<T>(bytes);

        Assert.Equal(bytes, KubeMsgPack.Serialize(read));
        AssertDeepEqual(value, read, typeof(T).Name);
    }

    private static IEnumerable<Type> WireTypes() =>
        typeof(KubeMsgPack).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && !t.IsGenericType && WireProperties(t).Any())
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static IEnumerable<PropertyInfo> WireProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetCustomAttribute<WireKeyAttribute>() is not null);

    private static object Populate(Type type, int depth)
    {
        object instance = Activator.CreateInstance(type)!;
        foreach (PropertyInfo property in WireProperties(type))
        {
            int key = property.GetCustomAttribute<WireKeyAttribute>()!.Id;
            object? value = Sample(property.PropertyType, key, depth);
            if (value is not null)
            {
                property.SetValue(instance, value);
            }
        }

        return instance;
    }

    private static object? Sample(Type type, int key, int depth)
    {
        Type plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain == typeof(string)) return $"value-{key}-ü";
        if (plain == typeof(bool)) return key % 2 == 0;
        if (plain == typeof(int)) return 1000 + key;
        if (plain == typeof(long)) return (1L << 35) + key;
        if (plain == typeof(double)) return 0.5 + key;
        if (plain == typeof(DateTimeOffset)) return new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(key * 10);
        if (plain == typeof(Quantity)) return Quantity.Parse(key % 2 == 0 ? "250m" : "1Gi");
        if (plain == typeof(IntOrString)) return key % 2 == 0 ? new IntOrString(key) : new IntOrString("25%");
        if (plain == typeof(byte[])) return new byte[] { 1, 2, (byte)key };
        if (plain == typeof(JsonElement)) return JsonDocument.Parse($$"""{"k":[{{key}},"x",true,null,1.5]}""").RootElement.Clone();
        if (plain.IsGenericType && plain.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(plain)!;
            for (int i = 0; i < 2; i++)
            {
                object? element = Sample(plain.GetGenericArguments()[0], key + i, depth + 1);
                if (element is null)
                {
                    return null;
                }

                list.Add(element);
            }

            return list;
        }

        if (plain.IsGenericType && plain.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var map = (IDictionary)Activator.CreateInstance(plain)!;
            for (int i = 0; i < 2; i++)
            {
                object? element = Sample(plain.GetGenericArguments()[1], key + i, depth + 1);
                if (element is null)
                {
                    return null;
                }

                map.Add($"key-{i}", element);
            }

            return map;
        }

        if (plain.IsClass)
        {
            return depth >= 3 ? null : Populate(plain, depth + 1);
        }

        throw new InvalidOperationException($"no sample for {type}");
    }

    private static void AssertDeepEqual(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        Type type = expected.GetType();
        Assert.True(type == actual.GetType(), $"{path}: type {actual.GetType()} instead of {type}");
        switch (expected)
        {
            case string or bool or int or long or double or DateTimeOffset or Quantity or IntOrString:
                Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
                if (expected is Quantity quantity)
                {
                    Assert.Equal(quantity.ToString(), actual.ToString());
                }

                break;
            case byte[] bytes:
                Assert.Equal(bytes, (byte[])actual);
                break;
            case JsonElement json:
                Assert.Equal(json.GetRawText(), ((JsonElement)actual).GetRawText());
                break;
            case IDictionary map:
                var other = (IDictionary)actual;
                Assert.Equal(map.Count, other.Count);
                foreach (DictionaryEntry entry in map)
                {
                    AssertDeepEqual(entry.Value, other[entry.Key], $"{path}[{entry.Key}]");
                }

                break;
            case IList list:
                var otherList = (IList)actual;
                Assert.Equal(list.Count, otherList.Count);
                for (int i = 0; i < list.Count; i++)
                {
                    AssertDeepEqual(list[i], otherList[i], $"{path}[{i}]");
                }

                break;
            default:
                foreach (PropertyInfo property in WireProperties(type))
                {
                    AssertDeepEqual(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
                }

                break;
        }
    }
}
