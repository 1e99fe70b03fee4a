namespace FastKube.Balancer.Configuration;

/// <summary>How a frontend chooses a backend for a new connection or UDP flow.</summary>
public enum BalancePolicy
{
    /// <summary>Weighted round robin over a precomputed smooth schedule (nginx's interleaving, so weight 3:1 gives A A B A, not A A A B).</summary>
    RoundRobin,

    /// <summary>Fewest active connections relative to weight; ties rotate.</summary>
    LeastConnections,

    /// <summary>Two backends drawn at random (weighted), the one with fewer active connections per weight wins.</summary>
    PowerOfTwoChoices,

    /// <summary>Ring hash of the client IP: a client keeps its backend while that backend stays, and removing one backend moves only its own clients.</summary>
    ConsistentHash,
}
