using System.Text;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Dataplane.Kernel.NfTables.Text;

namespace FastKube.Dataplane.Kernel.Testing;

public sealed partial class FakeNfTables
{
    /// <summary>
    /// The ruleset as <c>nft list ruleset</c> prints it: per table, sets then chains in creation order, rules
    /// as nft renders them. Elements are sorted by their text (the kernel's own order is a hash order), so
    /// the dump is stable enough for golden files.
    /// </summary>
    public string Dump()
    {
        var text = new StringBuilder();
        foreach (var table in Tables.Values)
        {
            AppendTable(text, table);
        }

        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, FakeTable table)
    {
        text.Append("table ").Append(table.Reference.ToString()).Append(" {\n");
        bool first = true;
        foreach (var set in table.Sets)
        {
            text.Append(first ? "" : "\n");
            first = false;
            text.Append('\t').Append(set.Spec.IsMap ? "map " : "set ").Append(set.Spec.Name).Append(" {\n");
            text.Append("\t\t").Append(NfTextRenderer.SetType(set.Spec)).Append('\n');
            if (set.Spec.Dynamic)
            {
                text.Append("\t\tsize ").Append(NfSet.DynamicSize).Append('\n');
            }

            if (NfTextRenderer.SetFlags(set.Spec) is { Length: > 0 } flags)
            {
                text.Append("\t\tflags ").Append(flags).Append('\n');
            }

            if (set.Spec.DefaultTimeout is { } timeout)
            {
                text.Append("\t\ttimeout ").Append(NfTextRenderer.Duration(timeout)).Append('\n');
            }

            if (set.Elements.Count > 0)
            {
                var elements = set.Elements.Values.Select(e =>
                {
                    var one = new StringBuilder();
                    NfTextRenderer.AppendElement(one, e, keyOnly: false);
                    return one.ToString();
                }).Order(StringComparer.Ordinal);
                text.Append("\t\telements = { ");
                int perLine = ElementsPerLine(set.Spec);
                int index = 0;
                foreach (var element in elements)
                {
                    text.Append(index == 0 ? "" : index % perLine == 0 ? ",\n\t\t\t     " : ", ").Append(element);
                    index++;
                }

                text.Append(" }\n");
            }

            text.Append("\t}\n");
        }

        foreach (var chain in table.Chains)
        {
            text.Append(first ? "" : "\n");
            first = false;
            text.Append("\tchain ").Append(chain.Definition.Name).Append(" {\n");
            if (chain.Definition.Base is { } hook)
            {
                text.Append("\t\ttype ").Append(NfNames.Of(hook.Type)).Append(" hook ").Append(NfNames.Of(hook.Hook))
                    .Append(" priority ").Append(NfTextRenderer.Priority(hook)).Append("; policy ").Append(NfNames.Of(hook.Policy)).Append(";\n");
            }

            foreach (var rule in chain.Rules)
            {
                text.Append("\t\t");
                NfTextRenderer.AppendRule(text, table.Reference.Family, rule, listing: true);
                text.Append('\n');
            }

            text.Append("\t}\n");
        }

        text.Append("}\n");
    }

    /// <summary>
    /// How many elements nft 1.0.6 prints per line (its calculate_delim): five for integer-like keys, two for
    /// IPv4 addresses and ct state, one for concatenations and everything else.
    /// </summary>
    private static int ElementsPerLine(NfSet set) => set.Key switch
    {
        [NfDataType.Integer or NfDataType.Mark or NfDataType.NfProto or NfDataType.InetProto or NfDataType.InetService] => 5,
        [NfDataType.Ipv4Addr or NfDataType.CtState] => 2,
        _ => 1,
    };
}
