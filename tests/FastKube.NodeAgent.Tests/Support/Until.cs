using FastKube.Cri.Tests.Support;

namespace FastKube.NodeAgent.Tests.Support;

/// <summary>Waits for an in-memory condition with the shared <see cref="Eventually"/> limit.</summary>
internal static class Until
{
    public static Task TrueAsync(Func<bool> done, string what) =>
        Eventually.WaitAsync(() => Task.FromResult(done()), d => d, what);
}
