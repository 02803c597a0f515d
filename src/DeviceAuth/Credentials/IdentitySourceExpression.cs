using System;
using DeviceAuth.Encoding;

namespace DeviceAuth.Credentials
{
    /// <summary>
    /// An API Gateway HTTP API identity-source expression, as the service spells it:
    /// <c>$request.header.Name</c> (names compared case-insensitively), <c>$request.querystring.name</c>
    /// (case-sensitive), or the server-side <c>$context.*</c> / <c>$stageVariables.*</c>, which the
    /// device neither sends nor can satisfy.
    /// </summary>
    public sealed class IdentitySourceExpression
    {
        /// <summary>Prefix of header identity sources.</summary>
        public const string HeaderPrefix = "$request.header.";

        /// <summary>Prefix of query-string identity sources.</summary>
        public const string QueryStringPrefix = "$request.querystring.";

        private IdentitySourceExpression(string expression, bool isHeader, bool isQueryString, string name)
        {
            Expression = expression;
            IsHeader = isHeader;
            IsQueryString = isQueryString;
            Name = name;
        }

        /// <summary>The expression as given.</summary>
        public string Expression { get; }

        /// <summary>True for <c>$request.header.*</c>.</summary>
        public bool IsHeader { get; }

        /// <summary>True for <c>$request.querystring.*</c>.</summary>
        public bool IsQueryString { get; }

        /// <summary>True for server-side sources (<c>$context.*</c>, <c>$stageVariables.*</c>) the request does not carry.</summary>
        public bool IsServerSide
        {
            get { return !IsHeader && !IsQueryString; }
        }

        /// <summary>The header or query parameter name (null for server-side sources).</summary>
        public string Name { get; }

        /// <summary>True when both refer to the same request value (header names compare case-insensitively).</summary>
        /// <param name="other">The other expression.</param>
        public bool RefersToSameValueAs(IdentitySourceExpression other)
        {
            if (other == null)
            {
                return false;
            }

            if (IsHeader && other.IsHeader)
            {
                return AwsIotCustomAuth.EqualsIgnoreAsciiCase(Name, other.Name);
            }

            return Expression == other.Expression;
        }

        /// <summary>Parses an expression.</summary>
        /// <param name="expression">E.g. <c>$request.header.Authorization</c>.</param>
        /// <exception cref="CredentialFormatException">Not a supported identity-source expression (reason <see cref="CredentialFormatReason.InvalidIdentitySource"/>).</exception>
        public static IdentitySourceExpression Parse(string expression)
        {
            if (expression == null)
            {
                throw new ArgumentNullException("expression");
            }

            if (AsciiText.StartsWithOrdinal(expression, HeaderPrefix))
            {
                string name = expression.Substring(HeaderPrefix.Length);
                if (!AwsIotCustomAuth.IsHeaderName(name))
                {
                    throw new CredentialFormatException(CredentialFormatReason.InvalidIdentitySource, "The identity source '" + Printable(expression) + "' does not name a valid HTTP header.");
                }

                return new IdentitySourceExpression(expression, true, false, name);
            }

            if (AsciiText.StartsWithOrdinal(expression, QueryStringPrefix))
            {
                string name = expression.Substring(QueryStringPrefix.Length);
                if (name.Length == 0 || AwsIotCustomAuth.Utf8Length(name) < 0)
                {
                    throw new CredentialFormatException(CredentialFormatReason.InvalidIdentitySource, "The identity source '" + Printable(expression) + "' does not name a query parameter.");
                }

                return new IdentitySourceExpression(expression, false, true, name);
            }

            if ((AsciiText.StartsWithOrdinal(expression, "$context.") && expression.Length > 9) || (AsciiText.StartsWithOrdinal(expression, "$stageVariables.") && expression.Length > 16))
            {
                return new IdentitySourceExpression(expression, false, false, null);
            }

            throw new CredentialFormatException(CredentialFormatReason.InvalidIdentitySource, "'" + Printable(expression) + "' is not an identity-source expression ($request.header.Name, $request.querystring.name, $context.*, $stageVariables.*).");
        }

        // Expressions are configuration, not secrets; still, keep messages single-line ASCII.
        internal static string Printable(string s)
        {
            char[] chars = s.ToCharArray();
            int n = chars.Length > 200 ? 200 : chars.Length;
            for (int i = 0; i < n; i++)
            {
                char c = chars[i];
                chars[i] = c >= ' ' && c <= '~' ? c : '?';
            }

            return new string(chars, 0, n);
        }
    }
}
