using FastKube.Cri.Containerd;

namespace FastKube.Cri.Tests.Containerd;

public sealed class MountInfoTests
{
    [Theory]
    [InlineData("/plain/path", "/plain/path")]
    [InlineData("/with\\040space", "/with space")]
    [InlineData("/tab\\011and\\134backslash", "/tab\tand\\backslash")]
    [InlineData("/not\\9octal", "/not\\9octal")]
    public void DecodeMountInfo_Field_DecodesOctalEscapes(string field, string expected)
    {
        Assert.Equal(expected, MountInfo.Decode(field));
    }

    [Fact]
    public void MountPointsUnder_MountInfo_SelectsDirectoryAndBelowOnly()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file,
            [
                "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw",
                "30 22 0:30 / /tmp/fk-a rw - tmpfs tmpfs rw",
                "31 22 0:31 / /tmp/fk-a/state/x/rootfs rw - overlay overlay rw",
                "32 22 0:32 / /tmp/fk-a\\040b/shm rw - tmpfs shm rw",
                "33 22 0:33 / /tmp/fk-ab rw - tmpfs tmpfs rw",
            ]);

            var mounts = MountInfo.MountPointsUnder("/tmp/fk-a", file);

            Assert.Equal(["/tmp/fk-a", "/tmp/fk-a/state/x/rootfs"], mounts);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
