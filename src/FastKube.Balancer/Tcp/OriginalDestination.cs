using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace FastKube.Balancer.Tcp;

/// <summary>
/// The destination a connection had before an nf_tables <c>redirect</c>/<c>dnat</c> rewrote it: netfilter's
/// getsockopt(SOL_IP, SO_ORIGINAL_DST) (IPv4) and getsockopt(SOL_IPV6, IP6T_SO_ORIGINAL_DST) (IPv6), both
/// option 80, read through <see cref="Socket.GetRawSocketOption"/>, which is getsockopt itself without a
/// hand-written P/Invoke.
/// </summary>
internal static class OriginalDestination
{
    private const int SolIp = 0;
    private const int SolIpv6 = 41;
    private const int SoOriginalDst = 80;

    public static bool TryGet(Socket socket, out IPEndPoint? destination)
    {
        destination = null;
        Span<byte> address = stackalloc byte[28];
        try
        {
            if (socket.AddressFamily == AddressFamily.InterNetwork)
            {
                // struct sockaddr_in: family (2, host order), port (2, network order), address (4).
                if (socket.GetRawSocketOption(SolIp, SoOriginalDst, address[..16]) < 8)
                {
                    return false;
                }

                destination = new IPEndPoint(new IPAddress(address.Slice(4, 4)), BinaryPrimitives.ReadUInt16BigEndian(address[2..]));
                return true;
            }

            // struct sockaddr_in6: family (2), port (2, network order), flowinfo (4), address (16), scope id (4).
            if (socket.GetRawSocketOption(SolIpv6, SoOriginalDst, address) < 24)
            {
                return false;
            }

            destination = new IPEndPoint(new IPAddress(address.Slice(8, 16)), BinaryPrimitives.ReadUInt16BigEndian(address[2..]));
            return true;
        }
        catch (SocketException)
        {
            // ENOENT: the connection was not redirected (no conntrack NAT entry).
            return false;
        }
    }
}
