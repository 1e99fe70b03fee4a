namespace FastKube.Api.Serialization.MessagePack;

/// <summary>Outcome of a MessagePack read; every decode failure maps to one of these codes.</summary>
public enum MessagePackResult
{
    Ok = 0,

    /// <summary>The input ends before the value does (truncated input, or a length that runs past it).</summary>
    EndOfData,

    /// <summary>The next value has a different MessagePack type than the one asked for.</summary>
    TypeMismatch,

    /// <summary>Well-formed MessagePack that is not a valid value here (0xc1, bad UTF-8, out-of-range number, bad quantity).</summary>
    Invalid,

    /// <summary>A <see cref="MessagePackLimits"/> bound was exceeded (depth, string or binary size, entries, total input).</summary>
    LimitExceeded,
}
