namespace FastKube.Dataplane.Kernel.Tests.Kernel;

/// <summary>A fresh network namespace with a unique name, deleted on dispose.</summary>
public sealed class TestNamespace : IDisposable
{
    public TestNamespace()
    {
        Name = "fktest-" + Guid.NewGuid().ToString("N")[..10];
        Tools.Check("ip", "netns", "add", Name);
        Tools.Check("ip", "-n", Name, "link", "set", "lo", "up");
    }

    public string Name { get; }

    /// <summary><c>nft list ruleset</c> inside the namespace.</summary>
    public string NftList(params string[] extra) => Tools.Check("ip", ["netns", "exec", Name, "nft", .. extra, "list", "ruleset"]);

    public void Dispose() => Tools.Run("ip", "netns", "del", Name);
}
