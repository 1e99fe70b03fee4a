using System.Runtime.CompilerServices;

namespace FastKube.Balancer.Tcp;

/// <summary>The backend indices one connection already tried, inline in the connection (no array per connect).</summary>
[InlineArray(Capacity)]
internal struct TriedBackends
{
    public const int Capacity = 8;

    private int _element;
}
