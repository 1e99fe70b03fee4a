using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace FastKube.Cri.Containerd;

/// <summary>
/// Renders the CNI network config list of a managed containerd: a Linux bridge with host-local IPAM over
/// the node's pod CIDR, then portmap for hostPort. containerd's CRI plugin adds the loopback network
/// itself (it runs the loopback plugin from bin_dir for every sandbox), so the list does not repeat it.
/// </summary>
public static class CniConfig
{
    public const string FileName = "10-fastkube.conflist";

    /// <summary>The CNI plugin binaries the config needs in bin_dir (loopback for containerd's own lo network).</summary>
    public static readonly IReadOnlyList<string> RequiredPlugins = ["bridge", "host-local", "portmap", "loopback"];

    /// <summary>CNI spec 0.4.0: understood by containerd 1.6's libcni and Debian 12's plugins 1.1.1, and has CHECK.</summary>
    private const string CniVersion = "0.4.0";

    /// <summary>Linux IFNAMSIZ is 16 including the NUL.</summary>
    private const int MaxInterfaceName = 15;

    public static string Render(ManagedContainerdOptions options, ContainerdLayout layout)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(layout);
        var podCidr = ParsePodCidr(options.PodCidr);
        ValidateBridgeName(options.BridgeName);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("cniVersion", CniVersion);
            json.WriteString("name", options.NetworkName);
            json.WriteStartArray("plugins");

            json.WriteStartObject();
            json.WriteString("type", "bridge");
            json.WriteString("bridge", options.BridgeName);
            // The bridge holds the CIDR's first address and is each pod's default gateway.
            json.WriteBoolean("isGateway", true);
            json.WriteBoolean("ipMasq", options.IpMasquerade);
            // A pod reaching itself through a Service VIP comes back in on its own veth.
            json.WriteBoolean("hairpinMode", true);
            json.WriteStartObject("ipam");
            json.WriteString("type", "host-local");
            json.WriteStartArray("ranges");
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("subnet", podCidr.ToString());
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("routes");
            json.WriteStartObject();
            json.WriteString("dst", "0.0.0.0/0");
            json.WriteEndObject();
            json.WriteEndArray();
            // Leases next to the instance, not in the host-wide /var/lib/cni/networks.
            json.WriteString("dataDir", layout.IpamDataDirectory);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("type", "portmap");
            json.WriteStartObject("capabilities");
            json.WriteBoolean("portMappings", true);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>An IPv4 network with no host bits and room for the gateway and at least two pods.</summary>
    public static IPNetwork ParsePodCidr(string podCidr)
    {
        if (!IPNetwork.TryParse(podCidr, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"podCIDR \"{podCidr}\" is not an IPv4 CIDR such as 10.244.0.0/24");
        }

        // IPNetwork.TryParse clears host bits silently; a node's podCIDR with them set is a config mistake.
        if (network.ToString() != podCidr)
        {
            throw new ArgumentException($"podCIDR \"{podCidr}\" has host bits set; the network is {network}");
        }

        if (network.PrefixLength > 29)
        {
            throw new ArgumentException($"podCIDR \"{podCidr}\" is too small: a prefix of at most /29 leaves room for the gateway and pods");
        }

        return network;
    }

    private static void ValidateBridgeName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxInterfaceName || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.'))
        {
            throw new ArgumentException($"bridge name \"{name}\" must be 1-{MaxInterfaceName} characters of letters, digits, '-', '_' or '.'");
        }
    }
}
