namespace FastKube.NodeAgent.Probes;

/// <summary>
/// One probe's verdict, as upstream's probe.Result. <see cref="Warning"/> counts as success (an HTTP probe
/// that stopped at a redirect to another host); <see cref="Unknown"/> is an error of the prober itself
/// (for example an unresolvable named port), which the worker throws away instead of counting.
/// </summary>
internal enum ProbeResult
{
    Unknown,
    Success,
    Warning,
    Failure,
}

/// <summary>The verdict and the text upstream would put in the event ("HTTP probe failed with statuscode: 500").</summary>
internal readonly record struct ProbeOutcome(ProbeResult Result, string Output)
{
    public bool IsSuccess => Result is ProbeResult.Success or ProbeResult.Warning;
}
