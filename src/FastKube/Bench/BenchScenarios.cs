namespace FastKube.Bench;

/// <summary>Every scenario <c>fastkube bench</c> knows, by name.</summary>
internal static class BenchScenarios
{
    public static IReadOnlyList<IBenchScenario> All { get; } = [new ApiServerScenario(), new CodecScenario(), new ControllersScenario(), new CriScenario(), new InformerScenario(), new KubeletScenario(), new L4Scenario(), new ProxySyncScenario(), new SchedulerScenario(), new StoreScenario()];
}
