namespace FastKube.Api.Serialization.MessagePack;

/// <summary>The MessagePack type family of a format byte.</summary>
public enum MessagePackType
{
    Unknown = 0,
    Integer,
    Nil,
    Boolean,
    Float,
    String,
    Binary,
    Array,
    Map,
    Extension,
}
