using System.Buffers;
using FastKube.Api.Serialization.MessagePack;

namespace FastKube.Client.Http;

/// <summary>
/// Cuts a watch response body into frames (docs/watch-protocol.md). The buffer grows to the largest frame
/// seen and is reused; the current frame's object is a slice of it, valid until the next read.
/// </summary>
internal sealed class WatchFrameReader(Stream stream, int maxFrameBytes)
{
    private const int InitialBuffer = 64 * 1024;

    private byte[] _buffer = new byte[InitialBuffer];
    private int _start;
    private int _end;

    /// <summary>The next frame, or null when the server ended the stream cleanly between frames.</summary>
    public async ValueTask<WatchFrameData?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var input = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
            switch (WatchFrame.TryReadFrame(ref input, out var frame, out var error, maxFrameBytes))
            {
                case WatchFrameStatus.Frame:
                    _start = _end - (int)input.Length;
                    return frame;
                case WatchFrameStatus.Error:
                    throw new InvalidDataException($"malformed watch frame: {error}");
            }

            MakeRoom();
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return _end == _start ? null : throw new EndOfStreamException($"the watch stream ended inside a frame ({_end - _start} bytes pending)");
            }

            _end += read;
        }
    }

    // Moves pending bytes to the front, and grows the buffer when a frame announced as larger than it is pending.
    private void MakeRoom()
    {
        var pending = _end - _start;
        var needed = pending >= WatchFrame.HeaderLength
            ? WatchFrame.HeaderLength + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start))
            : 0;
        if (needed > _buffer.Length)
        {
            var bigger = new byte[Math.Max(needed, _buffer.Length * 2)];
            _buffer.AsSpan(_start, pending).CopyTo(bigger);
            _buffer = bigger;
        }
        else if (_start > 0 && (_end == _buffer.Length || pending == 0))
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        else
        {
            return;
        }

        _start = 0;
        _end = pending;
    }
}
