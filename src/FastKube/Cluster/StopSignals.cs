using System.Runtime.InteropServices;

namespace FastKube.Cluster;

/// <summary>SIGTERM and SIGINT (Ctrl-C) cancel <c>stop</c> instead of killing the process, so the commands shut down cleanly.</summary>
internal sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _interrupt;

    public StopSignals(CancellationTokenSource stop)
    {
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
    }

    public void Dispose()
    {
        _term.Dispose();
        _interrupt.Dispose();
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
