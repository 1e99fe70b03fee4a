namespace FastKube.Dataplane.Kernel.NfTables;

/// <summary>Table family; the numbers are the NFPROTO_* values nfgenmsg carries.</summary>
public enum NfFamily : byte
{
    Inet = 1,
    Ip = 2,
    Ip6 = 10,
}

/// <summary>Netfilter hooks a base chain attaches to (NF_INET_* numbers).</summary>
public enum NfHook
{
    Prerouting = 0,
    Input = 1,
    Forward = 2,
    Output = 3,
    Postrouting = 4,
}

public enum NfChainType
{
    Filter,
    Nat,
    Route,
}

public enum NfPolicy
{
    Drop = 0,
    Accept = 1,
}

/// <summary>Names of enum members as nft spells them.</summary>
internal static class NfNames
{
    public static string Of(NfFamily family) => family switch
    {
        NfFamily.Inet => "inet",
        NfFamily.Ip => "ip",
        NfFamily.Ip6 => "ip6",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    public static string Of(NfHook hook) => hook switch
    {
        NfHook.Prerouting => "prerouting",
        NfHook.Input => "input",
        NfHook.Forward => "forward",
        NfHook.Output => "output",
        _ => "postrouting",
    };

    public static string Of(NfChainType type) => type switch
    {
        NfChainType.Filter => "filter",
        NfChainType.Nat => "nat",
        _ => "route",
    };

    public static string Of(NfPolicy policy) => policy == NfPolicy.Accept ? "accept" : "drop";
}
