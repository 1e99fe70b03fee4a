namespace FastKube.Api.Serialization.MessagePack;

/// <summary>What <see cref="WatchFrame.TryReadFrame"/> found at the front of the input.</summary>
public enum WatchFrameStatus
{
    Frame,
    NeedMoreData,
    Error,
}
