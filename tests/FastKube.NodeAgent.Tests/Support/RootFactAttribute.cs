namespace FastKube.NodeAgent.Tests.Support;

/// <summary>A fact that mounts (tmpfs volumes): needs root. xunit 2 has no dynamic skip, so the attribute sets Skip with the reason.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = $"needs root to mount tmpfs (running as {Environment.UserName})";
        }
    }
}
