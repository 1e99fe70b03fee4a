using System.Net;

namespace FastKube.Balancer;

/// <summary>A bound frontend socket (TCP accept loop or UDP receive loop); disposing it stops it.</summary>
internal interface IListener : IDisposable
{
    IPEndPoint LocalEndPoint { get; }

    void Start();

    /// <summary>Periodic housekeeping with the balancer's sweep (UDP flow expiry); TCP listeners have none.</summary>
    void Sweep(long now)
    {
    }
}
