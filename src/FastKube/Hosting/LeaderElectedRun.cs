using FastKube.Client;
using FastKube.Client.LeaderElection;
using Microsoft.Extensions.Logging;

namespace FastKube.Hosting;

/// <summary>
/// Runs a control-plane component only while it holds its Lease, as kube-scheduler and
/// kube-controller-manager do; losing the lease ends the process with exit code 1 (upstream exits with
/// "leaderelection lost") so a supervisor restarts it as a fresh candidate.
/// </summary>
internal static class LeaderElectedRun
{
    public static async Task<int> RunAsync(KubeClient client, string leaseNamespace, string leaseName, LeaderElectionOptions timing,
        Func<CancellationToken, Task> run, ILogger logger, CancellationToken stopping)
    {
        var elector = new LeaderElector(new LeaseLock(client, leaseNamespace, leaseName), timing);
        var lost = false;
        logger.LogInformation("attempting to acquire leader lease {Namespace}/{Name} as {Identity}", leaseNamespace, leaseName, timing.Identity);
        await elector.RunAsync(run, () => lost = !stopping.IsCancellationRequested, stopping).ConfigureAwait(false);
        if (lost)
        {
            logger.LogError("leaderelection lost");
            return 1;
        }

        return 0;
    }

    /// <summary>Upstream's identity: hostname, an underscore, and a UUID.</summary>
    public static string Identity() => $"{Environment.MachineName}_{Guid.NewGuid()}";
}
