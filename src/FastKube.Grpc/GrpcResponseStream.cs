using System.Runtime.CompilerServices;

namespace FastKube.Grpc;

/// <summary>
/// The messages a server streams back. <see cref="MoveNextAsync"/> returns false after the last message
/// when the call ended OK and throws <see cref="RpcException"/> with the final status otherwise.
/// Cancelling the token of one read cancels the whole call.
/// </summary>
public sealed class GrpcResponseStream<T>
{
    private readonly IResponseSource<T> _source;

    internal GrpcResponseStream(IResponseSource<T> source) => _source = source;

    public T Current => _source.Current;

    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default) => _source.MoveNextAsync(cancellationToken);

    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await _source.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return _source.Current;
        }
    }
}
