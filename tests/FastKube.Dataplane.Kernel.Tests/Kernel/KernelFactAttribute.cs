using System.Diagnostics;

namespace FastKube.Dataplane.Kernel.Tests.Kernel;

/// <summary>
/// A fact that needs the real kernel: root, network namespaces (<c>ip netns</c>), nf_tables and the stock
/// <c>nft</c> tool as an independent decoder. xunit 2 has no dynamic skip, so the probe runs once and sets
/// <see cref="FactAttribute.Skip"/> with the reason; CI runs as root with scripts/install-deps applied.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class KernelFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> MissingReason = new(Probe);

    public KernelFactAttribute()
    {
        if (MissingReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return "needs root (network namespaces, nf_tables)";
        }

        foreach (var tool in new[] { "ip", "nft" })
        {
            if (!Tools.Exists(tool))
            {
                return $"{tool} not found (scripts/install-deps installs iproute2 and nftables)";
            }
        }

        try
        {
            using var ns = new TestNamespace();
            var (code, output) = Tools.Run("ip", "netns", "exec", ns.Name, "nft", "add", "table", "inet", "probe");
            return code == 0 ? null : $"nf_tables unusable in a network namespace: {output}";
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "cannot create a network namespace: " + exception.Message;
        }
    }
}

/// <summary>Runs the test fixtures' tools (ip, nft, conntrack): only tests use them, never the product.</summary>
internal static class Tools
{
    public static bool Exists(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin").Split(':').Append("/usr/sbin").Any(d => File.Exists(Path.Combine(d, tool)));

    public static (int Code, string Output) Run(string tool, params string[] arguments) => RunWithInput(null, tool, arguments);

    public static (int Code, string Output) RunWithInput(string? input, string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + tool);
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    public static string Check(string tool, params string[] arguments)
    {
        var (code, output) = Run(tool, arguments);
        return code == 0 ? output : throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited {code}: {output}");
    }
}
