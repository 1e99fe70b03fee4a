using System.Globalization;
using System.Net;
using System.Text.Json;

namespace FastKube.Bench.L4;

/// <summary>iperf3 as the bulk TCP source and sink (one stream, client to server).</summary>
internal static class Iperf
{
    public const string Path = "/usr/bin/iperf3";

    public static ChildProcess StartServer(int cpu, int port) =>
        ChildProcess.Start(cpu, Path, ["-s", "-p", port.ToString(CultureInfo.InvariantCulture)]);

    /// <summary>Bits per second received by the server over a run of <paramref name="seconds"/> through <paramref name="target"/>.</summary>
    public static async Task<double> BitsPerSecondAsync(int cpu, IPEndPoint target, int seconds, CancellationToken cancellationToken)
    {
        using var client = ChildProcess.Start(cpu, Path,
        [
            "-c", target.Address.ToString(), "-p", target.Port.ToString(CultureInfo.InvariantCulture),
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-J",
        ]);
        var output = await client.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(output);
        if (json.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"iperf3 via {target}: {error.GetString()}");
        }

        return json.RootElement.GetProperty("end").GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();
    }
}
