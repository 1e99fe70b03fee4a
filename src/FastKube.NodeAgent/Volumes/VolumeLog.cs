using Microsoft.Extensions.Logging;

namespace FastKube.NodeAgent.Volumes;

/// <summary>The volume manager's log messages; event ids 6150–6169.</summary>
internal static partial class VolumeLog
{
    [LoggerMessage(EventId = 6150, Level = LogLevel.Warning, Message = "Pod {Namespace}/{Name}: {Message}")]
    public static partial void SetUpFailed(ILogger logger, string? @namespace, string? name, string message);

    [LoggerMessage(EventId = 6151, Level = LogLevel.Debug, Message = "Pod {Namespace}/{Name}: volume {Volume} written")]
    public static partial void Written(ILogger logger, string? @namespace, string? name, string volume);

    [LoggerMessage(EventId = 6152, Level = LogLevel.Warning, Message = "Mounting a tmpfs on {Directory} failed (errno {Errno}); the volume stays on the node's disk")]
    public static partial void TmpfsFailed(ILogger logger, string directory, int errno);

    [LoggerMessage(EventId = 6153, Level = LogLevel.Warning, Message = "Removing the directory of pod {Uid}: {Problem}")]
    public static partial void TearDownProblem(ILogger logger, string uid, string problem);

    [LoggerMessage(EventId = 6154, Level = LogLevel.Information, Message = "Removing the directory of pod {Uid}, which neither the API server nor the runtime has")]
    public static partial void RemovingOrphan(ILogger logger, string uid);
}
