namespace FastKube.Cri.Tests.Support;

/// <summary>
/// Classes that start containerd run one after another: two instances at once would only compete for the
/// two cores. Each class still gets its own instance (<see cref="ContainerdFixture"/> as a class fixture).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ContainerdCollection
{
    public const string Name = "containerd";
}
