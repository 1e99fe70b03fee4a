namespace FastKube.Netlink;

/// <summary>A netlink failure at a cold edge: a syscall that failed, or a kernel answer the caller cannot go on after.</summary>
public sealed class NetlinkException : Exception
{
    public NetlinkException(int errno, string? kernelMessage, string message)
        : base(message)
    {
        Errno = errno;
        KernelMessage = kernelMessage;
    }

    public NetlinkException()
        : this(0, null, "netlink failure")
    {
    }

    public NetlinkException(string message)
        : this(0, null, message)
    {
    }

    public NetlinkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Positive errno, 0 when the failure was not an errno.</summary>
    public int Errno { get; }

    /// <summary>The kernel's extended-ack text, when it sent one.</summary>
    public string? KernelMessage { get; }

    /// <summary>The symbolic name of the errno values netlink callers meet; the number otherwise.</summary>
    public static string ErrnoName(int errno) => errno switch
    {
        1 => "EPERM",
        2 => "ENOENT",
        4 => "EINTR",
        7 => "E2BIG",
        11 => "EAGAIN",
        12 => "ENOMEM",
        16 => "EBUSY",
        17 => "EEXIST",
        22 => "EINVAL",
        28 => "ENOSPC",
        34 => "ERANGE",
        36 => "ENAMETOOLONG",
        40 => "ELOOP",
        90 => "EMSGSIZE",
        93 => "EPROTONOSUPPORT",
        95 => "EOPNOTSUPP",
        97 => "EAFNOSUPPORT",
        105 => "ENOBUFS",
        _ => "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
