using System.Net;
using System.Net.Sockets;

namespace LeadGrid.Infrastructure.Webhooks;

/// <summary>
/// Which addresses a webhook may go to: public unicast only. Refused (IPv4 and IPv6, and IPv4 inside IPv4-mapped,
/// IPv4-compatible, NAT64 and 6to4 IPv6 addresses): unspecified, loopback, private (RFC 1918, ULA), link-local
/// (including the cloud metadata address 169.254.169.254), CGNAT, multicast, broadcast, and the documentation,
/// benchmarking and reserved ranges.
/// </summary>
public static class NetworkAddresses
{
    private static readonly (IPNetwork Network, string Kind)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (CGNAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation"),
        (IPNetwork.Parse("192.88.99.0/24"), "reserved"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("100::/64"), "discard"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation"),
        (IPNetwork.Parse("fc00::/7"), "private (ULA)"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");

    /// <summary>Why <paramref name="address"/> is refused ("loopback", "private", …), or null when it is public.</summary>
    public static string? RefusalOf(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6) return RefusalOf(address.MapToIPv4());
            var bytes = address.GetAddressBytes();
            if (Nat64.Contains(address) || (Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Loopback) && !address.Equals(IPAddress.IPv6Any)))
                return RefusalOf(new IPAddress(bytes.AsSpan(12, 4)));
            if (SixToFour.Contains(address))
                return RefusalOf(new IPAddress(bytes.AsSpan(2, 4)));
        }
        foreach (var (network, kind) in Refused)
            if (network.Contains(address)) return kind;
        return address.Equals(IPAddress.Broadcast) ? "broadcast" : null;
    }
}
