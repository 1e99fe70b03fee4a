namespace FastKube.Dataplane.Kernel.NfTables;

public enum NfVerdictKind
{
    Accept,
    Drop,
    Return,
    Jump,
    Goto,
    Continue,
}

/// <summary>A verdict: accept/drop/return, or jump/goto a chain of the same table.</summary>
public readonly record struct NfVerdict(NfVerdictKind Kind, string? Chain = null)
{
    public static NfVerdict Accept => new(NfVerdictKind.Accept);

    public static NfVerdict Drop => new(NfVerdictKind.Drop);

    public static NfVerdict Return => new(NfVerdictKind.Return);

    public static NfVerdict Jump(string chain) => new(NfVerdictKind.Jump, chain);

    public static NfVerdict Goto(string chain) => new(NfVerdictKind.Goto, chain);

    public bool TargetsChain => Kind is NfVerdictKind.Jump or NfVerdictKind.Goto;

    public override string ToString() => Kind switch
    {
        NfVerdictKind.Accept => "accept",
        NfVerdictKind.Drop => "drop",
        NfVerdictKind.Return => "return",
        NfVerdictKind.Continue => "continue",
        NfVerdictKind.Jump => "jump " + Chain,
        _ => "goto " + Chain,
    };
}
