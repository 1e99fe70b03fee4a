namespace FastKube.Api.Serialization.MessagePack;

/// <summary>The only exception MessagePack decoding throws (from the throwing entry points); wraps a <see cref="MessagePackError"/>.</summary>
public sealed class MessagePackDecodeException : Exception
{
    public MessagePackDecodeException()
        : this(new MessagePackError(MessagePackResult.Invalid, string.Empty, "invalid MessagePack", 0))
    {
    }

    public MessagePackDecodeException(string message)
        : this(new MessagePackError(MessagePackResult.Invalid, string.Empty, message, 0))
    {
    }

    public MessagePackDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new MessagePackError(MessagePackResult.Invalid, string.Empty, message, 0);
    }

    public MessagePackDecodeException(MessagePackError error)
        : base(error.ToString())
    {
        Error = error;
    }

    public MessagePackError Error { get; }

    public MessagePackResult Code => Error.Code;

    /// <summary>The field path of the failure (JSON names), empty for the root value.</summary>
    public string Path => Error.Path;

    public string Reason => Error.Reason;
}
