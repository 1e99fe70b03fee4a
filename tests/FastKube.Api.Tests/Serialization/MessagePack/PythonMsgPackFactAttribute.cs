using System.Diagnostics;

namespace FastKube.Api.Tests.Serialization.MessagePack;

/// <summary>
/// A fact that needs Debian's python3-msgpack (<c>/usr/bin/python3</c>, not a pyenv python on PATH). xunit 2 has
/// no dynamic skip, so the attribute sets <see cref="FactAttribute.Skip"/> with the reason when the module is
/// missing; CI installs python3-msgpack so the tests run there.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PythonMsgPackFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> MissingReason = new(Probe);

    public PythonMsgPackFactAttribute()
    {
        if (MissingReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not found (install python3-msgpack)";
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import msgpack"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{Python} cannot import msgpack (install python3-msgpack): {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return $"{Python} cannot run: {exception.Message}";
        }
    }
}
