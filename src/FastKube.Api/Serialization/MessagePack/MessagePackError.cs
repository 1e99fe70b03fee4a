namespace FastKube.Api.Serialization.MessagePack;

/// <summary>
/// A decode failure: what went wrong, where in the object (JSON field names, e.g.
/// <c>spec.containers[1].ports[0].containerPort</c>; empty for the root) and the byte offset in the input.
/// </summary>
public readonly record struct MessagePackError(MessagePackResult Code, string Path, string Reason, long Offset)
{
    public bool IsError => Code != MessagePackResult.Ok;

    public override string ToString() =>
        Path.Length == 0
            ? $"{Code} at byte {Offset}: {Reason}"
            : $"{Code} at {Path} (byte {Offset}): {Reason}";
}
