namespace FastKube.Api.Serialization.MessagePack;

/// <summary>A generated, typed formatter for one API class (see FastKube.Api.Generators).</summary>
public interface IMessagePackFormatter<T>
    where T : class
{
    /// <summary>Writes <paramref name="value"/> as a map of its non-null fields, keyed by wire key.</summary>
    void Serialize(ref MessagePackWriter writer, T value);

    /// <summary>Reads one map (or nil, giving null); on failure the reader holds the error and its field path.</summary>
    bool TryDeserialize(ref MessagePackReader reader, out T? value);
}
