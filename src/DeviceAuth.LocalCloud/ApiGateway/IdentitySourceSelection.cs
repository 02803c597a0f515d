using System.Text.RegularExpressions;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>Where an HTTP API identity source reads its value from.</summary>
internal enum IdentitySourceKind
{
    /// <summary><c>$request.header.name</c>: names compare case-insensitively.</summary>
    Header,

    /// <summary><c>$request.querystring.name</c>: names compare case-sensitively.</summary>
    QueryString,

    /// <summary><c>$context.variable</c>: a context variable the service fills.</summary>
    Context,

    /// <summary><c>$stageVariables.name</c>: a variable of the stage.</summary>
    StageVariable,
}

/// <summary>
/// One HTTP API identity-source selection expression, parsed on the cloud side (independently of the
/// device library's parser): <c>$request.header.X</c>, <c>$request.querystring.X</c>,
/// <c>$context.X</c> or <c>$stageVariables.X</c> ("Working with AWS Lambda authorizers for HTTP APIs").
/// </summary>
internal sealed partial record IdentitySourceSelection(string Expression, IdentitySourceKind Kind, string Name)
{
    /// <summary>True for the sources a request carries (header, query string).</summary>
    public bool IsRequestValue => Kind is IdentitySourceKind.Header or IdentitySourceKind.QueryString;

    /// <summary>Parses <paramref name="expression"/>; null with <paramref name="problem"/> set when it is not a selection expression.</summary>
    public static IdentitySourceSelection Parse(string expression, out string problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(expression))
        {
            problem = "an IdentitySource entry is empty";
            return null;
        }

        foreach (var (prefix, kind, pattern, what) in Prefixes)
        {
            if (expression.StartsWith(prefix, StringComparison.Ordinal))
            {
                string name = expression[prefix.Length..];
                if (!pattern.IsMatch(name))
                {
                    problem = $"IdentitySource '{Printable(expression)}' does not name a {what}";
                    return null;
                }

                return new IdentitySourceSelection(expression, kind, name);
            }
        }

        problem = $"IdentitySource '{Printable(expression)}' is not a selection expression ($request.header.name, $request.querystring.name, $context.variable or $stageVariables.name)";
        return null;
    }

    /// <summary>True when both select the same value (header names compare case-insensitively).</summary>
    public bool SameValueAs(IdentitySourceSelection other) =>
        Kind == other.Kind && string.Equals(Name, other.Name, Kind == IdentitySourceKind.Header ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>At most 200 printable ASCII characters of a configuration value, for messages.</summary>
    public static string Printable(string s)
    {
        var chars = s.Take(200).Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray();
        return new string(chars);
    }

    private static readonly (string Prefix, IdentitySourceKind Kind, Regex Pattern, string What)[] Prefixes =
    {
        ("$request.header.", IdentitySourceKind.Header, HeaderName(), "header (RFC 9110 token characters)"),
        ("$request.querystring.", IdentitySourceKind.QueryString, QueryName(), "query string parameter"),
        ("$context.", IdentitySourceKind.Context, ContextName(), "context variable"),
        ("$stageVariables.", IdentitySourceKind.StageVariable, StageVariableName(), "stage variable ([A-Za-z0-9_]+)"),
    };

    [GeneratedRegex(@"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HeaderName();

    [GeneratedRegex(@"^[^\s&=#]+$")]
    private static partial Regex QueryName();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$")]
    private static partial Regex ContextName();

    [GeneratedRegex(@"^[A-Za-z0-9_]+$")]
    private static partial Regex StageVariableName();
}
