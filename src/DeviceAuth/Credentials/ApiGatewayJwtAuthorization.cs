using System;
using DeviceAuth.Tokens;

namespace DeviceAuth.Credentials
{
    /// <summary>
    /// Attaches a compact JWT for an API Gateway HTTP API JWT authorizer: by default as
    /// <c>Authorization: Bearer &lt;jwt&gt;</c> (identity source <c>$request.header.Authorization</c>);
    /// for another header or a query parameter the raw JWT. The token must be a compact JWT
    /// (<see cref="JwtTokenForm.Compact"/>), checked before sending, and not expired.
    /// </summary>
    public sealed class ApiGatewayJwtAuthorization : IHttpAuthorization
    {
        /// <summary>The default identity source of JWT authorizers.</summary>
        public const string DefaultIdentitySource = "$request.header.Authorization";

        private readonly IdentitySourceExpression _source;
        private readonly bool _bearer;
        private readonly IClock _clock;

        /// <summary>Creates the composer for the identity source <c>$request.header.Authorization</c>.</summary>
        /// <param name="clock">The clock used to refuse expired tokens.</param>
        public ApiGatewayJwtAuthorization(IClock clock)
            : this(DefaultIdentitySource, clock)
        {
        }

        /// <summary>Creates the composer for an identity source.</summary>
        /// <param name="identitySource">The authorizer's identity source (<c>$request.header.Name</c> or <c>$request.querystring.name</c>).</param>
        /// <param name="clock">The clock used to refuse expired tokens.</param>
        public ApiGatewayJwtAuthorization(string identitySource, IClock clock)
        {
            IdentitySourceExpression source = IdentitySourceExpression.Parse(identitySource);
            if (source.IsServerSide)
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidIdentitySource, "A JWT authorizer reads the token from a header or a query parameter, not from '" + IdentitySourceExpression.Printable(identitySource) + "'.");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _source = source;
            _bearer = source.IsHeader && AwsIotCustomAuth.EqualsIgnoreAsciiCase(source.Name, "Authorization");
            _clock = clock;
        }

        /// <summary>The identity source.</summary>
        public string IdentitySource
        {
            get { return _source.Expression; }
        }

        /// <inheritdoc />
        /// <exception cref="CredentialFormatException">The token is not a compact JWT, or does not fit a header.</exception>
        /// <exception cref="TokenExpiredException">The token is expired.</exception>
        /// <exception cref="ClockNotSetException">The token has an expiry and the clock is not set.</exception>
        public HttpAuthorizationParts Compose(AuthToken token)
        {
            if (token == null)
            {
                throw new ArgumentNullException("token");
            }

            ClockGuard.EnsureSendable(token, _clock);
            string jwt = token.Token;
            if (token.TokenSignature != null || !JwtTokens.IsCompactJwt(jwt))
            {
                throw new CredentialFormatException(CredentialFormatReason.NotAJwt, "A JWT authorizer needs a compact JWT (header.payload.signature, JwtTokenForm.Compact).");
            }

            HttpAuthorizationParts parts = new HttpAuthorizationParts();
            if (_source.IsHeader)
            {
                string value = _bearer ? "Bearer " + jwt : jwt;
                if (value.Length > AwsIotCustomAuth.MaxHeaderValueLength)
                {
                    throw new CredentialFormatException(CredentialFormatReason.InvalidHeaderValue, "The " + _source.Name + " header would be " + value.Length.ToString() + " characters; the limit is 8192.");
                }

                parts.AddHeader(_source.Name, value);
            }
            else
            {
                parts.AddQueryParameter(_source.Name, jwt);
            }

            return parts;
        }
    }
}
