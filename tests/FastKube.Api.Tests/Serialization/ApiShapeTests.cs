using System.Reflection;
using System.Text.Json;
using FastKube.Api.Meta;
using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Tests.Serialization;

// The shape rules other code (the MessagePack generator, validation) relies on, checked over every API class.
public sealed class ApiShapeTests
{
    private static readonly HashSet<Type> Scalars =
    [
        typeof(string), typeof(bool?), typeof(int?), typeof(long?), typeof(double?), typeof(DateTimeOffset?),
        typeof(Quantity?), typeof(IntOrString?), typeof(byte[]), typeof(JsonElement?),
    ];

    private static readonly HashSet<Type> Elements =
        [typeof(string), typeof(int), typeof(long), typeof(Quantity), typeof(byte[]), typeof(DateTimeOffset)];

    public static TheoryData<Type> ApiClasses()
    {
        var data = new TheoryData<Type>();
        foreach (Type type in typeof(KubeObject).Assembly.GetExportedTypes()
                     .Where(t => t.IsClass && t.GetProperties().Any(p => p.GetCustomAttribute<WireKeyAttribute>() is not null)))
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void ApiClasses_CoverEveryGroup()
    {
        Assert.True(ApiClasses().Count > 190);
    }

    [Theory]
    [MemberData(nameof(ApiClasses))]
    public void ApiClass_IsSealedWithSequentialWireKeys(Type type)
    {
        Assert.True(type.IsSealed || type == typeof(KubeObject) || type == typeof(KubeList), $"{type.Name} must be sealed");
        Assert.False(type.IsGenericType);

        int expected = 1;
        foreach (Type level in Hierarchy(type))
        {
            foreach (PropertyInfo property in level.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                         .OrderBy(p => p.MetadataToken))
            {
                WireKeyAttribute? key = property.GetCustomAttribute<WireKeyAttribute>();
                Assert.True(key is not null, $"{type.Name}.{property.Name} has no WireKey");
                Assert.Equal(expected++, key.Id);
                Assert.True(property.CanRead && property.CanWrite, $"{type.Name}.{property.Name} must be get/set");
                Assert.True(IsAllowed(property.PropertyType), $"{type.Name}.{property.Name} has type {property.PropertyType}");
            }
        }
    }

    private static IEnumerable<Type> Hierarchy(Type type)
    {
        var chain = new Stack<Type>();
        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            chain.Push(t);
        }

        return chain;
    }

    private static bool IsAllowed(Type type)
    {
        if (Scalars.Contains(type) || (type.IsClass && type.Namespace!.StartsWith("FastKube.Api", StringComparison.Ordinal)))
        {
            return true;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        Type definition = type.GetGenericTypeDefinition();
        Type[] args = type.GetGenericArguments();
        Type element = args[^1];
        bool elementAllowed = Elements.Contains(element) || (element.IsClass && element.Namespace!.StartsWith("FastKube.Api", StringComparison.Ordinal));
        return elementAllowed && (definition == typeof(List<>) || (definition == typeof(Dictionary<,>) && args[0] == typeof(string)));
    }
}
