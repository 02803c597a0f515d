using System;
using DeviceAuth.Tokens;

namespace DeviceAuth.Credentials
{
    /// <summary>
    /// Composes the request values for an API Gateway HTTP API REQUEST (Lambda) authorizer from its
    /// identity sources, given as the service's own expressions (<c>$request.header.Name</c>,
    /// <c>$request.querystring.name</c>; <c>$context.*</c> and <c>$stageVariables.*</c> are
    /// server-side and skipped). Each request source is mapped to the token, its signature or a fixed
    /// value. If a source has no value or an empty one the service answers 401 without calling the
    /// Lambda, so <see cref="Compose"/> refuses first (<see cref="CredentialFormatReason.MissingIdentitySource"/>).
    /// The service caches results by these values: a token reused across requests keeps hitting the cache.
    /// </summary>
    public sealed class ApiGatewayRequestAuthorization : IHttpAuthorization
    {
        private const int Unmapped = 0;
        private const int MappedToToken = 1;
        private const int MappedToSignature = 2;
        private const int MappedToValue = 3;

        private readonly IdentitySourceExpression[] _sources;
        private readonly int[] _kinds;
        private readonly string[] _values;
        private readonly IClock _clock;

        /// <summary>Creates the composer.</summary>
        /// <param name="identitySources">The authorizer's IdentitySource list, exactly as configured (at least one header or query-string source).</param>
        /// <param name="clock">The clock used to refuse expired tokens.</param>
        public ApiGatewayRequestAuthorization(string[] identitySources, IClock clock)
        {
            if (identitySources == null)
            {
                throw new ArgumentNullException("identitySources");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            int n = identitySources.Length;
            _sources = new IdentitySourceExpression[n];
            bool anyRequestSource = false;
            for (int i = 0; i < n; i++)
            {
                IdentitySourceExpression source = IdentitySourceExpression.Parse(identitySources[i]);
                for (int j = 0; j < i; j++)
                {
                    if (_sources[j].RefersToSameValueAs(source))
                    {
                        throw new CredentialFormatException(CredentialFormatReason.InvalidIdentitySource, "The identity source '" + IdentitySourceExpression.Printable(source.Expression) + "' is listed twice.");
                    }
                }

                _sources[i] = source;
                anyRequestSource = anyRequestSource || !source.IsServerSide;
            }

            if (!anyRequestSource)
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidIdentitySource, "The authorizer needs at least one $request.header.* or $request.querystring.* identity source for the device to fill.");
            }

            _kinds = new int[n];
            _values = new string[n];
            _clock = clock;
        }

        /// <summary>Number of identity sources.</summary>
        public int IdentitySourceCount
        {
            get { return _sources.Length; }
        }

        /// <summary>Identity source <paramref name="index"/> as configured.</summary>
        /// <param name="index">Zero-based index.</param>
        public string GetIdentitySource(int index)
        {
            return _sources[index].Expression;
        }

        /// <summary>Sends the token as the value of <paramref name="expression"/>.</summary>
        /// <param name="expression">One of the identity sources.</param>
        public void MapToken(string expression)
        {
            Map(expression, MappedToToken, null);
        }

        /// <summary>Sends the token's signature (standard Base64) as the value of <paramref name="expression"/>.</summary>
        /// <param name="expression">One of the identity sources.</param>
        public void MapTokenSignature(string expression)
        {
            Map(expression, MappedToSignature, null);
        }

        /// <summary>Sends a fixed value (e.g. a device id or API key) for <paramref name="expression"/>.</summary>
        /// <param name="expression">One of the identity sources.</param>
        /// <param name="value">A non-empty value.</param>
        public void MapValue(string expression, string value)
        {
            if (value == null || value.Length == 0)
            {
                throw new CredentialFormatException(CredentialFormatReason.MissingIdentitySource, "The identity source '" + IdentitySourceExpression.Printable(expression == null ? string.Empty : expression) + "' must not be mapped to an empty value: the service would answer 401 without calling the authorizer.");
            }

            Map(expression, MappedToValue, value);
        }

        /// <inheritdoc />
        /// <exception cref="CredentialFormatException">A source is unmapped or its value is missing, empty or not transportable.</exception>
        /// <exception cref="TokenExpiredException">The token is expired.</exception>
        /// <exception cref="ClockNotSetException">The token has an expiry and the clock is not set.</exception>
        public HttpAuthorizationParts Compose(AuthToken token)
        {
            if (token == null)
            {
                throw new ArgumentNullException("token");
            }

            ClockGuard.EnsureSendable(token, _clock);
            HttpAuthorizationParts parts = new HttpAuthorizationParts();
            for (int i = 0; i < _sources.Length; i++)
            {
                IdentitySourceExpression source = _sources[i];
                if (source.IsServerSide)
                {
                    continue;
                }

                string value;
                int kind = _kinds[i];
                if (kind == MappedToToken)
                {
                    value = token.Token;
                }
                else if (kind == MappedToSignature)
                {
                    value = token.TokenSignature;
                }
                else if (kind == MappedToValue)
                {
                    value = _values[i];
                }
                else
                {
                    throw new CredentialFormatException(CredentialFormatReason.MissingIdentitySource, "The identity source '" + IdentitySourceExpression.Printable(source.Expression) + "' has no value: the service would answer 401 without calling the authorizer. Map it with MapToken, MapTokenSignature or MapValue.");
                }

                Add(parts, source, value);
            }

            return parts;
        }

        /// <summary>Checks the value of one request identity source and adds it to the request parts.</summary>
        private static void Add(HttpAuthorizationParts parts, IdentitySourceExpression source, string value)
        {
            if (value == null || value.Length == 0)
            {
                throw new CredentialFormatException(CredentialFormatReason.MissingIdentitySource, "The identity source '" + IdentitySourceExpression.Printable(source.Expression) + "' would be empty (the token has no signature): the service would answer 401 without calling the authorizer.");
            }

            if (source.IsHeader)
            {
                if (!AwsIotCustomAuth.IsHeaderValue(value))
                {
                    throw new CredentialFormatException(CredentialFormatReason.InvalidHeaderValue, "The value for header " + source.Name + " must be at most 8192 characters of visible ASCII.");
                }

                parts.AddHeader(source.Name, value);
            }
            else
            {
                if (AwsIotCustomAuth.Utf8Length(value) < 0)
                {
                    throw new CredentialFormatException(CredentialFormatReason.InvalidTokenCharacters, "The value for query parameter " + IdentitySourceExpression.Printable(source.Name) + " contains an unpaired surrogate.");
                }

                parts.AddQueryParameter(source.Name, value);
            }
        }

        private void Map(string expression, int kind, string value)
        {
            IdentitySourceExpression parsed = IdentitySourceExpression.Parse(expression);
            for (int i = 0; i < _sources.Length; i++)
            {
                if (_sources[i].RefersToSameValueAs(parsed))
                {
                    if (_sources[i].IsServerSide)
                    {
                        throw new CredentialFormatException(CredentialFormatReason.InvalidIdentitySource, "The identity source '" + IdentitySourceExpression.Printable(expression) + "' is filled by the service, not by the request.");
                    }

                    _kinds[i] = kind;
                    _values[i] = value;
                    return;
                }
            }

            throw new CredentialFormatException(CredentialFormatReason.InvalidIdentitySource, "'" + IdentitySourceExpression.Printable(expression) + "' is not one of the authorizer's identity sources.");
        }
    }
}
