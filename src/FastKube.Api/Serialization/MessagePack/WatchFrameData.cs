using System.Buffers;

namespace FastKube.Api.Serialization.MessagePack;

/// <summary>One decoded frame: the event type and the object's encoded map (decode it with <see cref="KubeMsgPack"/>).</summary>
public readonly record struct WatchFrameData(string EventType, ReadOnlySequence<byte> Object);
