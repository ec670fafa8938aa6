using System.Globalization;
using System.Text;

namespace Build.Tests.Workflows;

/// <summary>
/// The subset of GitHub Actions expressions the generated workflows use: literals, context paths, <c>!</c>, <c>==</c>,
/// <c>!=</c>, <c>&amp;&amp;</c>, <c>||</c>, parentheses and a few functions. Anything else throws, so a generator change
/// that needs more cannot pass the simulation by accident.
/// </summary>
internal sealed class WorkflowExpression
{
    private readonly string _text;
    private readonly ExpressionContext _context;
    private readonly List<string> _tokens;
    private int _position;

    private WorkflowExpression(string text, ExpressionContext context)
    {
        _text = text;
        _context = context;
        _tokens = Tokenize(text);
    }

    /// <summary>The value of a bare expression, as in an <c>if:</c>.</summary>
    public static object? Evaluate(string text, ExpressionContext context)
    {
        var expression = new WorkflowExpression(text, context);
        var value = expression.Or();
        if (expression._position != expression._tokens.Count)
            throw expression.Unsupported($"unexpected '{expression._tokens[expression._position]}'");
        return value;
    }

    /// <summary>An <c>if:</c>: a status function is implied (<c>success()</c>) unless the condition calls one.</summary>
    public static bool EvaluateCondition(string? condition, ExpressionContext context)
    {
        var text = condition is null ? "success()" : Unwrap(condition);
        if (!StatusFunctions.Any(function => text.Contains(function + "(", StringComparison.Ordinal)))
            text = $"success() && ({text})";
        return IsTruthy(Evaluate(text, context));
    }

    /// <summary>A value with <c>${{ }}</c> parts, as in <c>run:</c> or <c>with:</c>.</summary>
    public static string Interpolate(string text, ExpressionContext context)
    {
        var result = new StringBuilder();
        var index = 0;
        while (true)
        {
            var start = text.IndexOf("${{", index, StringComparison.Ordinal);
            if (start < 0)
                return result.Append(text, index, text.Length - index).ToString();
            var end = EndOfExpression(text, start + 3);
            result.Append(text, index, start - index);
            result.Append(ToText(Evaluate(text[(start + 3)..end], context)));
            index = end + 2;
        }
    }

    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0,
        string s => s.Length > 0,
        _ => true,
    };

    public static string ToText(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static readonly string[] StatusFunctions = ["always", "success", "failure", "cancelled"];

    private static string Unwrap(string condition)
    {
        var trimmed = condition.Trim();
        return trimmed.StartsWith("${{", StringComparison.Ordinal) && trimmed.EndsWith("}}", StringComparison.Ordinal)
            ? trimmed[3..^2]
            : trimmed;
    }

    private static int EndOfExpression(string text, int from)
    {
        var quoted = false;
        for (var i = from; i < text.Length - 1; i++)
        {
            if (text[i] == '\'')
                quoted = !quoted;
            else if (!quoted && text[i] == '}' && text[i + 1] == '}')
                return i;
        }
        throw new InvalidOperationException($"Unterminated expression in: {text}");
    }

    private object? Or()
    {
        var left = And();
        while (Accept("||"))
        {
            var right = And();
            left = IsTruthy(left) ? left : right;
        }
        return left;
    }

    private object? And()
    {
        var left = Comparison();
        while (Accept("&&"))
        {
            var right = Comparison();
            left = IsTruthy(left) ? right : left;
        }
        return left;
    }

    private object? Comparison()
    {
        var left = Unary();
        if (Accept("=="))
            return LooseEquals(left, Unary());
        if (Accept("!="))
            return !LooseEquals(left, Unary());
        return left;
    }

    private object? Unary()
    {
        if (Accept("!"))
            return !IsTruthy(Unary());
        if (Accept("("))
        {
            var value = Or();
            Expect(")");
            return value;
        }
        var token = Next();
        if (token.StartsWith('\''))
            return token[1..^1].Replace("''", "'", StringComparison.Ordinal);
        if (token is "true" or "false")
            return token == "true";
        if (token == "null")
            return null;
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return number;
        if (Accept("("))
            return Call(token);
        return _context.Resolve(token);
    }

    private object? Call(string function)
    {
        var arguments = new List<object?>();
        if (!Accept(")"))
        {
            do
                arguments.Add(Or());
            while (Accept(","));
            Expect(")");
        }
        return (function, arguments.Count) switch
        {
            ("always", 0) => true,
            ("success", 0) => !_context.Failed,
            ("failure", 0) => _context.Failed,
            ("cancelled", 0) => false,
            ("startsWith", 2) => ToText(arguments[0]).StartsWith(ToText(arguments[1]), StringComparison.OrdinalIgnoreCase),
            ("format", > 0) => Format(ToText(arguments[0]), arguments.Skip(1).Select(ToText).ToList()),
            _ => throw Unsupported($"function {function}/{arguments.Count}"),
        };
    }

    private static string Format(string format, IReadOnlyList<string> arguments)
    {
        var result = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '{' && i + 1 < format.Length && format[i + 1] == '{')
            {
                result.Append('{');
                i++;
            }
            else if (format[i] == '}' && i + 1 < format.Length && format[i + 1] == '}')
            {
                result.Append('}');
                i++;
            }
            else if (format[i] == '{')
            {
                var close = format.IndexOf('}', i);
                result.Append(arguments[int.Parse(format[(i + 1)..close], CultureInfo.InvariantCulture)]);
                i = close;
            }
            else
            {
                result.Append(format[i]);
            }
        }
        return result.ToString();
    }

    /// <summary>GitHub's loose equality: strings ignore case; mixed types compare as numbers.</summary>
    private static bool LooseEquals(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
        (bool a, bool b) => a == b,
        _ => ToNumber(left).Equals(ToNumber(right)),
    };

    private static double ToNumber(object? value) => value switch
    {
        null => 0,
        bool b => b ? 1 : 0,
        double d => d,
        string s when s.Trim().Length == 0 => 0,
        string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN,
        _ => double.NaN,
    };

    private bool Accept(string token)
    {
        if (_position < _tokens.Count && _tokens[_position] == token)
        {
            _position++;
            return true;
        }
        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
            throw Unsupported($"expected '{token}'");
    }

    private string Next() => _position < _tokens.Count ? _tokens[_position++] : throw Unsupported("unexpected end");

    private InvalidOperationException Unsupported(string what) =>
        new($"The workflow simulation does not support this expression ({what}): {_text}");

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var end = i + 1;
                while (end < text.Length && (text[end] != '\'' || (end + 1 < text.Length && text[end + 1] == '\'')))
                    end += text[end] == '\'' ? 2 : 1;
                if (end >= text.Length)
                    throw new InvalidOperationException($"Unterminated string in expression: {text}");
                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else if (i + 1 < text.Length && text.Substring(i, 2) is "==" or "!=" or "&&" or "||")
            {
                tokens.Add(text.Substring(i, 2));
                i += 2;
            }
            else if (c is '(' or ')' or ',' or '!')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '-' or '.')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or '.'))
                    i++;
                tokens.Add(text[start..i]);
            }
            else
            {
                throw new InvalidOperationException($"The workflow simulation does not support '{c}' in expression: {text}");
            }
        }
        return tokens;
    }
}
