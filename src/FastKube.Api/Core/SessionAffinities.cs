namespace FastKube.Api.Core;

/// <summary>The values of <see cref="ServiceSpec.SessionAffinity"/>.</summary>
public static class SessionAffinities
{
    public const string None = "None";
    public const string ClientIP = "ClientIP";
}
