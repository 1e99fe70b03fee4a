using System.Diagnostics;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>The installed kubectl (/usr/bin/kubectl, 1.32 on the build machines) as a child process.</summary>
internal static class KubectlProcess
{
    public static async Task<(int Exit, string Output, string Error)> Run(string kubeconfig, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "--kubeconfig", kubeconfig, "--request-timeout", "20s" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
