using FastKube.NodeAgent.Volumes;

namespace FastKube.NodeAgent.Tests.Volumes;

public sealed class MountTableTests
{
    [Fact]
    public void ParseMountPoint_OctalEscapes_Decoded() =>
        Assert.Equal("/var/lib/a b\tc", MountTable.ParseMountPoint(@"36 35 98:0 / /var/lib/a\040b\011c rw,noatime master:1 - tmpfs tmpfs rw"));

    [Fact]
    public void MountPointsUnder_Root_IncludesProcDeepestFirst()
    {
        var mounts = MountTable.MountPointsUnder("/");

        Assert.Contains("/proc", mounts);
        Assert.True(mounts.SequenceEqual(mounts.OrderByDescending(m => m.Length)));
    }
}
