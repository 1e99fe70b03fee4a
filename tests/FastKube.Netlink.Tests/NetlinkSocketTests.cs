using System.Diagnostics;

namespace FastKube.Netlink.Tests;

/// <summary>The socket against the real kernel: rtnetlink in a fresh network namespace.</summary>
public sealed class NetlinkSocketTests
{
    private const ushort RtmGetLink = 18;
    private const ushort RtmNewLink = 16;
    private const ushort IflaIfName = 3;

    [RootFact]
    public void Dump_LinksInFreshNamespace_ReassemblesMultipartUntilDone()
    {
        string ns = "fktest-" + Guid.NewGuid().ToString("N")[..10];
        Run("ip", "netns", "add", ns);
        try
        {
            // 20 veth pairs: enough links that the dump spans several datagrams (no dummy module here).
            for (int i = 0; i < 20; i++)
            {
                Run("ip", "-n", ns, "link", "add", $"fka{i}", "type", "veth", "peer", "name", $"fkb{i}");
            }

            using var socket = NetlinkSocket.Open(NetlinkProtocol.Route, new NetlinkSocketOptions { NetworkNamespace = ns });
            using var buffer = new NetlinkBuffer();
            var writer = new NetlinkWriter(buffer);
            int start = writer.BeginMessage(RtmGetLink, NetlinkMessageFlags.Request | NetlinkMessageFlags.Dump, socket.NextSequence());
            writer.WriteRaw(new byte[16]);
            writer.EndMessage(start);
            var names = new List<string>();

            var error = socket.Dump(buffer.WrittenSpan, (in NetlinkMessage message) =>
            {
                Assert.Equal(RtmNewLink, message.Header.Type);
                if (NetlinkAttributeReader.TryFind(message.Payload[16..], IflaIfName, out var name))
                {
                    names.Add(name.AsString());
                }
            });

            Assert.Null(error);
            Assert.Contains("lo", names);
            Assert.Equal(41, names.Count);
        }
        finally
        {
            Run("ip", "netns", "del", ns);
        }
    }

    [RootFact]
    public void Request_UnknownLinkDeletion_ReturnsErrnoWithSequence()
    {
        const ushort rtmDelLink = 17;
        using var socket = NetlinkSocket.Open(NetlinkProtocol.Route);
        using var buffer = new NetlinkBuffer();
        var writer = new NetlinkWriter(buffer);
        uint sequence = socket.NextSequence();
        int start = writer.BeginMessage(rtmDelLink, NetlinkMessageFlags.Request | NetlinkMessageFlags.Ack, sequence);
        writer.WriteRaw(new byte[16]);
        writer.WriteString(IflaIfName, "fk-no-such-link");
        writer.EndMessage(start);

        var error = socket.Request(buffer.WrittenSpan);

        Assert.NotNull(error);
        Assert.Equal(19, error.Value.Errno);
        Assert.Equal(sequence, error.Value.Sequence);
    }

    [RootFact]
    public void Request_UnknownLinkKind_CarriesKernelExtendedAckText()
    {
        const ushort iflaLinkInfo = 18;
        const ushort iflaInfoKind = 1;
        string ns = "fktest-" + Guid.NewGuid().ToString("N")[..10];
        Run("ip", "netns", "add", ns);
        try
        {
            using var socket = NetlinkSocket.Open(NetlinkProtocol.Route, new NetlinkSocketOptions { NetworkNamespace = ns });
            using var buffer = new NetlinkBuffer();
            var writer = new NetlinkWriter(buffer);
            int start = writer.BeginMessage(RtmNewLink, NetlinkMessageFlags.Request | NetlinkMessageFlags.Ack | NetlinkMessageFlags.Create | NetlinkMessageFlags.Exclusive, socket.NextSequence());
            writer.WriteRaw(new byte[16]);
            writer.WriteString(IflaIfName, "fk0");
            int info = writer.BeginNested(iflaLinkInfo);
            writer.WriteString(iflaInfoKind, "fk-no-such-kind");
            writer.EndNested(info);
            writer.EndMessage(start);

            var error = socket.Request(buffer.WrittenSpan);

            Assert.NotNull(error);
            Assert.Equal("Unknown device type", error.Value.Message);
            Assert.Contains("EOPNOTSUPP", error.Value.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Run("ip", "netns", "del", ns);
        }
    }

    private static void Run(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)}: {error}");
    }
}

/// <summary>A fact that needs root and iproute2 (network namespaces); skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root (network namespaces)";
        }
        else if (!File.Exists("/usr/sbin/ip") && !File.Exists("/usr/bin/ip") && !File.Exists("/sbin/ip"))
        {
            Skip = "ip (iproute2) not found; scripts/install-deps installs it";
        }
    }
}
