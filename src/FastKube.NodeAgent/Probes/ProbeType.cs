namespace FastKube.NodeAgent.Probes;

/// <summary>The three container probes; the names are the words upstream puts in "Liveness probe failed: …".</summary>
internal enum ProbeType
{
    Liveness,
    Readiness,
    Startup,
}
