namespace FastKube.Dataplane.Kernel.Conntrack;

// ctnetlink numbers (linux/netfilter/nfnetlink_conntrack.h): message types and the attributes read here.

internal static class CtMsg
{
    public const byte Get = 1;
    public const byte Delete = 2;
}

internal static class Cta
{
    public const ushort TupleOrig = 1;
    public const ushort TupleReply = 2;
    public const ushort Id = 12;
}

internal static class CtaTuple
{
    public const ushort Ip = 1;
    public const ushort Proto = 2;
}

internal static class CtaIp
{
    public const ushort V4Src = 1;
    public const ushort V4Dst = 2;
    public const ushort V6Src = 3;
    public const ushort V6Dst = 4;
}

internal static class CtaProto
{
    public const ushort Num = 1;
    public const ushort SrcPort = 2;
    public const ushort DstPort = 3;
}
