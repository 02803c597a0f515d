using System;
using DeviceAuth.Encoding;
using DeviceAuth.Tokens;

namespace DeviceAuth.Credentials
{
    /// <summary>
    /// Composes the HTTP request parts for an AWS IoT custom authorizer (HTTPS publish, or the
    /// upgrade request of MQTT over WebSockets): <c>x-amz-customauthorizer-name</c> (omitted in
    /// default-authorizer mode), <c>x-amz-customauthorizer-signature</c> (when signing is enabled)
    /// and <c>&lt;tokenKeyName&gt;</c>, as headers or as query parameters. Limits are checked
    /// (<see cref="CredentialFormatException"/>) and expired tokens refused
    /// (<see cref="TokenExpiredException"/>) before anything is sent.
    /// </summary>
    public sealed class AwsIotHttpAuthorization : IHttpAuthorization
    {
        private readonly string _authorizerName;
        private readonly string _tokenKeyName;
        private readonly bool _signingDisabled;
        private readonly AwsIotHttpPlacement _placement;
        private readonly IClock _clock;

        /// <summary>Creates the composer.</summary>
        /// <param name="authorizerName">The authorizer's name, or null to use the endpoint's default authorizer.</param>
        /// <param name="tokenKeyName">The authorizer's tokenKeyName (the header or parameter name carrying the token).</param>
        /// <param name="signingDisabled">The authorizer's signingDisabled setting.</param>
        /// <param name="placement">Headers or query string.</param>
        /// <param name="clock">The clock used to refuse expired tokens.</param>
        public AwsIotHttpAuthorization(string authorizerName, string tokenKeyName, bool signingDisabled, AwsIotHttpPlacement placement, IClock clock)
        {
            if (authorizerName != null)
            {
                AwsIotCustomAuth.ValidateAuthorizerName(authorizerName);
            }

            AwsIotCustomAuth.ValidateTokenKeyName(tokenKeyName);
            if (placement != AwsIotHttpPlacement.Headers && placement != AwsIotHttpPlacement.QueryString)
            {
                throw new ArgumentOutOfRangeException("placement");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _authorizerName = authorizerName;
            _tokenKeyName = tokenKeyName;
            _signingDisabled = signingDisabled;
            _placement = placement;
            _clock = clock;
        }

        /// <summary>The authorizer name sent, or null in default-authorizer mode.</summary>
        public string AuthorizerName
        {
            get { return _authorizerName; }
        }

        /// <summary>The tokenKeyName.</summary>
        public string TokenKeyName
        {
            get { return _tokenKeyName; }
        }

        /// <summary>The authorizer's signingDisabled setting.</summary>
        public bool SigningDisabled
        {
            get { return _signingDisabled; }
        }

        /// <summary>Headers or query string.</summary>
        public AwsIotHttpPlacement Placement
        {
            get { return _placement; }
        }

        /// <inheritdoc />
        /// <exception cref="CredentialFormatException">A value breaks a service limit.</exception>
        /// <exception cref="TokenExpiredException">The token is expired.</exception>
        /// <exception cref="ClockNotSetException">The token has an expiry and the clock is not set.</exception>
        public HttpAuthorizationParts Compose(AuthToken token)
        {
            if (token == null)
            {
                throw new ArgumentNullException("token");
            }

            ClockGuard.EnsureSendable(token, _clock);
            string tokenText = token.Token;
            char[] tokenChars = tokenText == null ? null : tokenText.ToCharArray(); // read once
            AwsIotCustomAuth.ValidateToken(tokenChars);
            string signature = null;
            if (!_signingDisabled)
            {
                signature = token.TokenSignature;
                if (signature == null)
                {
                    throw new CredentialFormatException(CredentialFormatReason.MissingTokenSignature, "The authorizer has signing enabled but the token has no signature.");
                }

                AwsIotCustomAuth.ValidateTokenSignature(signature);
            }

            HttpAuthorizationParts parts = new HttpAuthorizationParts();
            if (_placement == AwsIotHttpPlacement.Headers)
            {
                if (!AwsIotCustomAuth.IsHeaderValue(tokenChars))
                {
                    throw new CredentialFormatException(CredentialFormatReason.InvalidTokenCharacters, "The token cannot travel in an HTTP header: it must be at most 8192 characters of visible ASCII (use the query-string placement).");
                }

                if (_authorizerName != null)
                {
                    parts.AddHeader(AwsIotCustomAuth.AuthorizerNameKey, _authorizerName);
                }

                if (signature != null)
                {
                    parts.AddHeader(AwsIotCustomAuth.SignatureKey, signature);
                }

                parts.AddHeader(_tokenKeyName, tokenText);
                return parts;
            }

            if (_authorizerName != null)
            {
                parts.AddQueryParameter(AwsIotCustomAuth.AuthorizerNameKey, _authorizerName);
            }

            if (signature != null)
            {
                parts.AddQueryParameter(AwsIotCustomAuth.SignatureKey, signature);
            }

            parts.AddQueryParameter(_tokenKeyName, tokenText);
            int length = QueryLength(parts);
            if (length > AwsIotCustomAuth.MaxQueryStringLength)
            {
                throw new CredentialFormatException(CredentialFormatReason.QueryStringTooLong, "The query string would be " + length.ToString() + " characters; the limit is 4096.");
            }

            return parts;
        }

        /// <summary>Length of <see cref="HttpAuthorizationParts.ToQueryString"/> without building it.</summary>
        internal static int QueryLength(HttpAuthorizationParts parts)
        {
            int n = parts.QueryParameterCount;
            int length = n > 0 ? n - 1 : 0;
            for (int i = 0; i < n; i++)
            {
                length += PercentEncoding.EncodedLength(parts.GetQueryName(i)) + 1 + PercentEncoding.EncodedLength(parts.GetQueryValue(i));
            }

            return length;
        }
    }
}
