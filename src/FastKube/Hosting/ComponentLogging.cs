using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace FastKube.Hosting;

/// <summary>
/// Components log one line per event to stderr (stdout stays for what a command prints), the way upstream
/// components write klog lines: time, level, category, message.
/// </summary>
internal static class ComponentLogging
{
    public static ILoggerFactory Create(LogLevel minimum) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(minimum)
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        })
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
}
