namespace FastKube.Bench;

/// <summary>A named macro benchmark run by <c>fastkube bench NAME --out FILE.json</c>.</summary>
internal interface IBenchScenario
{
    string Name { get; }

    string Description { get; }

    /// <summary>Runs the scenario and returns its figures; names are stable (docs and CI read them).</summary>
    Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken);
}

/// <summary>Where a scenario may write scratch files, where it logs progress, and how long to run.</summary>
/// <param name="Quick">Smoke-test size (seconds, not minutes): tests run scenarios this way to prove they work.</param>
internal sealed record BenchContext(string WorkDirectory, TextWriter Log, bool Quick);

/// <summary>The figures of one run: name → number, plus free-text notes (sizes, machine facts).</summary>
internal sealed class BenchReport
{
    public SortedDictionary<string, double> Figures { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> Notes { get; } = new(StringComparer.Ordinal);
}
