using System.Text;

namespace FastKube.NodeAgent.Containers;

/// <summary>
/// Upstream's $(VAR) expansion (third_party/forked/golang/expansion): <c>$(NAME)</c> becomes the value of an
/// earlier variable, <c>$$</c> is an escaped <c>$</c>, an unknown or unterminated reference stays as written,
/// and <c>$</c> before any other character is kept as is.
/// </summary>
internal static class EnvExpansion
{
    public static string Expand(string input, Func<string, string?> lookup)
    {
        int firstDollar = input.IndexOf('$', StringComparison.Ordinal);
        if (firstDollar < 0 || firstDollar == input.Length - 1)
        {
            return input;
        }

        var result = new StringBuilder(input.Length);
        int checkpoint = 0;
        for (int cursor = firstDollar; cursor < input.Length; cursor++)
        {
            if (input[cursor] != '$' || cursor + 1 >= input.Length)
            {
                continue;
            }

            result.Append(input, checkpoint, cursor - checkpoint);
            char next = input[cursor + 1];
            int advance = 1;
            if (next == '$')
            {
                result.Append('$');
            }
            else if (next == '(')
            {
                int close = input.IndexOf(')', cursor + 2);
                if (close < 0)
                {
                    result.Append("$(");
                }
                else
                {
                    string name = input.Substring(cursor + 2, close - cursor - 2);
                    string? value = lookup(name);
                    if (value is null)
                    {
                        result.Append("$(").Append(name).Append(')');
                    }
                    else
                    {
                        result.Append(value);
                    }

                    advance = close - cursor;
                }
            }
            else
            {
                result.Append('$').Append(next);
            }

            cursor += advance;
            checkpoint = cursor + 1;
        }

        if (checkpoint < input.Length)
        {
            result.Append(input, checkpoint, input.Length - checkpoint);
        }

        return result.ToString();
    }
}
