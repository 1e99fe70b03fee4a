using System.Text;
using FastKube.Dataplane.Kernel.NfTables.Text;
using FastKube.Netlink;

namespace FastKube.Dataplane.Kernel.NfTables.Netlink;

/// <summary>
/// <see cref="INfTables"/> over an NETLINK_NETFILTER socket: each transaction is one nfnetlink batch in one
/// send (atomic in the kernel), read-backs are nf_tables dumps. Not thread-safe; one owner serialises calls.
/// </summary>
public sealed partial class NetlinkNfTables : INfTables, IDisposable
{
    private readonly NetlinkSocket _socket;
    private readonly NetlinkBuffer _buffer = new(256 * 1024);
    private readonly NfBatchEncoder _encoder;

    private NetlinkNfTables(NetlinkSocket socket)
    {
        _socket = socket;
        _encoder = new NfBatchEncoder(_buffer);
    }

    /// <summary>Opens a socket in the caller's network namespace, or in <paramref name="networkNamespace"/>.</summary>
    public static NetlinkNfTables Open(string? networkNamespace = null) =>
        new(NetlinkSocket.Open(NetlinkProtocol.Netfilter, new NetlinkSocketOptions { NetworkNamespace = networkNamespace }));

    /// <summary>Bytes of the last batch sent (for sizing logs and benchmarks).</summary>
    public int LastBatchBytes { get; private set; }

    /// <summary>Time spent encoding the last batch; the rest of <see cref="Apply"/> is the kernel's (for benchmarks).</summary>
    public TimeSpan LastEncodeTime { get; private set; }

    public NfError? Apply(NfTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.Error is { } invalid)
        {
            return new NfError(22, -1, "invalid transaction: " + invalid);
        }

        if (transaction.Count == 0)
        {
            return null;
        }

        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        _encoder.Encode(transaction, _socket.NextSequence());
        LastEncodeTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        _socket.UseSequencesThrough(_encoder.LastSequence);

        LastBatchBytes = _buffer.Length;
        var errors = new List<NetlinkError>();
        _socket.Exchange(_buffer.WrittenSpan, _encoder.FirstSequence, _encoder.AckSequence, null, errors);
        return errors.Count == 0 ? null : Describe(transaction, errors[0]);
    }

    public void Dispose()
    {
        _socket.Dispose();
        _buffer.Dispose();
    }

    private NfError Describe(NfTransaction transaction, NetlinkError error)
    {
        int operation = _encoder.OperationOf(error.Sequence);
        var text = new StringBuilder();
        if (operation >= 0)
        {
            var command = new StringBuilder();
            NfTextRenderer.AppendCommand(command, transaction.Table, transaction.Operations[operation]);
            text.Append("operation ").Append(operation).Append(" (").Append(command.Length > 200 ? command.ToString(0, 200) + "…" : command).Append("): ");
        }
        else
        {
            text.Append("batch: ");
        }

        text.Append(error.ToString());
        return new NfError(error.Errno, operation, text.ToString());
    }
}
