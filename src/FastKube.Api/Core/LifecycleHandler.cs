using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One lifecycle hook; exactly one action is set.
/// </summary>
public sealed class LifecycleHandler
{
    [WireKey(1)]
    public ExecAction? Exec { get; set; }

    [WireKey(2)]
    public HTTPGetAction? HttpGet { get; set; }

    [WireKey(3)]
    public TCPSocketAction? TcpSocket { get; set; }

    [WireKey(4)]
    public SleepAction? Sleep { get; set; }
}
