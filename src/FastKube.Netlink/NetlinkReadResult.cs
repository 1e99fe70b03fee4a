namespace FastKube.Netlink;

/// <summary>Outcome of a span read: the input held a whole item, ended early, or broke the format.</summary>
public enum NetlinkReadResult
{
    Ok,
    EndOfData,
    Truncated,
    Malformed,
}
