namespace FastKube.Api.Labels;

/// <summary>
/// The lexer and parser of label selector strings, after upstream's labels.Parse:
/// <c>key</c>, <c>!key</c>, <c>key=v</c>, <c>key==v</c>, <c>key!=v</c>, <c>key in (a,b)</c>,
/// <c>key notin (a)</c>, <c>key&gt;1</c>, <c>key&lt;1</c>, joined by commas. Whitespace separates tokens.
/// </summary>
internal ref struct SelectorParser(string text)
{
    private int _position;

    public bool TryParse(List<Requirement> requirements, out string error)
    {
        error = "";
        while (true)
        {
            var (kind, token) = Next();
            if (kind == Token.End)
            {
                return true;
            }

            bool negated = false;
            if (kind == Token.Bang)
            {
                negated = true;
                (kind, token) = Next();
            }

            if (kind != Token.Identifier)
            {
                return Fail($"found '{token}', expected: !, identifier, or 'end of string'", out error);
            }

            var key = token;
            var (opKind, opToken) = Peek();
            SelectorOperator op;
            string[] values;
            if (negated || opKind is Token.End or Token.Comma)
            {
                if (negated && opKind is not (Token.End or Token.Comma))
                {
                    return Fail($"found '{opToken}', expected: ',' or 'end of string'", out error);
                }

                op = negated ? SelectorOperator.DoesNotExist : SelectorOperator.Exists;
                values = [];
            }
            else
            {
                Next();
                switch (opKind)
                {
                    case Token.Equals or Token.DoubleEquals or Token.NotEquals or Token.Greater or Token.Less:
                        op = opKind switch
                        {
                            Token.NotEquals => SelectorOperator.NotEquals,
                            Token.Greater => SelectorOperator.GreaterThan,
                            Token.Less => SelectorOperator.LessThan,
                            _ => SelectorOperator.Equals,
                        };
                        var (valueKind, value) = Peek();
                        if (valueKind == Token.Identifier)
                        {
                            Next();
                            values = [value];
                        }
                        else if (valueKind is Token.End or Token.Comma)
                        {
                            values = [""];
                        }
                        else
                        {
                            return Fail($"found '{value}', expected: identifier", out error);
                        }

                        break;
                    case Token.In or Token.NotIn:
                        op = opKind == Token.In ? SelectorOperator.In : SelectorOperator.NotIn;
                        if (!TryParseSet(out values, out error))
                        {
                            return false;
                        }

                        break;
                    default:
                        return Fail($"found '{opToken}', expected: in, notin, =, ==, !=, gt, lt", out error);
                }
            }

            if (!Selector.TryCreate(key, op, values, out var requirement, out error))
            {
                return false;
            }

            requirements.Add(requirement);
            var (after, afterToken) = Next();
            if (after == Token.End)
            {
                return true;
            }

            if (after != Token.Comma)
            {
                return Fail($"found '{afterToken}', expected: ',' or 'end of string'", out error);
            }
        }
    }

    private bool TryParseSet(out string[] values, out string error)
    {
        values = [];
        var (open, openToken) = Next();
        if (open != Token.OpenParen)
        {
            return Fail($"found '{openToken}', expected: '('", out error);
        }

        var set = new List<string>();
        if (Peek().Kind == Token.CloseParen)
        {
            Next();
            error = "";
            return true; // "in ()": the empty set, which TryCreate rejects for in and notin
        }

        while (true)
        {
            var (kind, token) = Next();
            if (kind == Token.Identifier)
            {
                set.Add(token);
                (kind, token) = Next();
            }
            else if (kind is Token.Comma or Token.CloseParen)
            {
                set.Add(""); // "in (a,)" holds the empty value, as upstream
            }

            if (kind == Token.CloseParen)
            {
                values = [.. set.Distinct(StringComparer.Ordinal)];
                error = "";
                return true;
            }

            if (kind != Token.Comma)
            {
                return Fail($"found '{token}', expected: ',', ')' or identifier", out error);
            }
        }
    }

    private static bool Fail(string message, out string error)
    {
        error = "unable to parse requirement: " + message;
        return false;
    }

    private (Token Kind, string Text) Peek()
    {
        var saved = _position;
        var next = Next();
        _position = saved;
        return next;
    }

    private (Token Kind, string Text) Next()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }

        if (_position >= text.Length)
        {
            return (Token.End, "");
        }

        var c = text[_position];
        var two = _position + 1 < text.Length ? text.AsSpan(_position, 2) : ReadOnlySpan<char>.Empty;
        if (two.SequenceEqual("==") || two.SequenceEqual("!="))
        {
            _position += 2;
            return (two[0] == '=' ? Token.DoubleEquals : Token.NotEquals, two.ToString());
        }

        Token? single = c switch
        {
            '!' => Token.Bang,
            '=' => Token.Equals,
            '(' => Token.OpenParen,
            ')' => Token.CloseParen,
            ',' => Token.Comma,
            '>' => Token.Greater,
            '<' => Token.Less,
            _ => null,
        };
        if (single is not null)
        {
            _position++;
            return (single.Value, c.ToString());
        }

        var start = _position;
        while (_position < text.Length && !char.IsWhiteSpace(text[_position]) && "!=(),><".IndexOf(text[_position], StringComparison.Ordinal) < 0)
        {
            _position++;
        }

        var word = text[start.._position];
        return word switch
        {
            "in" => (Token.In, word),
            "notin" => (Token.NotIn, word),
            _ => (Token.Identifier, word),
        };
    }

    private enum Token
    {
        End,
        Identifier,
        Bang,
        Equals,
        DoubleEquals,
        NotEquals,
        OpenParen,
        CloseParen,
        Comma,
        Greater,
        Less,
        In,
        NotIn,
    }
}
