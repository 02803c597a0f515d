using System;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// The claims and header fields of the JWTs a <see cref="JwtTokenSource"/> mints. iss, sub and aud
    /// are required (an API Gateway JWT authorizer checks iss and aud); kid is required by API Gateway
    /// (it selects the JWKS key) and optional elsewhere; scope is optional. Set the optional members
    /// before passing the options to the source: the source copies them.
    /// </summary>
    public sealed class JwtOptions
    {
        private string _keyId;
        private string _scope;
        private int _notBeforeLeewaySeconds;

        /// <summary>Creates options.</summary>
        /// <param name="issuer">The iss claim (for API Gateway: exactly the authorizer's configured issuer).</param>
        /// <param name="subject">The sub claim (typically the device id).</param>
        /// <param name="audience">The aud claim (one of the authorizer's configured audiences).</param>
        /// <param name="lifetimeSeconds">exp minus the mint time, in seconds (exp - iat when <see cref="NotBeforeLeewaySeconds"/> is 0).</param>
        public JwtOptions(string issuer, string subject, string audience, int lifetimeSeconds)
        {
            Issuer = RequireText(issuer, "issuer");
            Subject = RequireText(subject, "subject");
            Audience = RequireText(audience, "audience");
            if (lifetimeSeconds < MintingTokenSource.MinLifetimeSeconds || lifetimeSeconds > MintingTokenSource.MaxLifetimeSeconds)
            {
                throw new ArgumentOutOfRangeException("lifetimeSeconds", "A token lifetime must be between 60 s and 365 days.");
            }

            LifetimeSeconds = lifetimeSeconds;
            Form = JwtTokenForm.Compact;
        }

        /// <summary>The iss claim.</summary>
        public string Issuer { get; }

        /// <summary>The sub claim.</summary>
        public string Subject { get; }

        /// <summary>The aud claim.</summary>
        public string Audience { get; }

        /// <summary>exp - iat, in seconds.</summary>
        public int LifetimeSeconds { get; }

        /// <summary>
        /// The kid header field (the key's id in the issuer's JWKS), or null to omit it. The id that
        /// <c>deviceauth apigateway issuer</c> publishes by default is <see cref="DeviceAuth.Crypto.JwkThumbprint.ForRsaKey"/>.
        /// </summary>
        public string KeyId
        {
            get { return _keyId; }
            set { _keyId = value == null ? null : RequireText(value, "KeyId"); }
        }

        /// <summary>The scope claim (space-separated scopes), or null to omit it.</summary>
        public string Scope
        {
            get { return _scope; }
            set { _scope = value == null ? null : RequireText(value, "Scope"); }
        }

        /// <summary>
        /// Seconds by which iat and nbf are back-dated from the mint time (0 by default), so that a
        /// verifier whose clock is slightly behind the device's (API Gateway requires both in the past)
        /// does not reject a fresh token as not yet valid. exp stays the mint time plus the lifetime.
        /// 0 to 300.
        /// </summary>
        public int NotBeforeLeewaySeconds
        {
            get { return _notBeforeLeewaySeconds; }
            set
            {
                if (value < 0 || value > 300)
                {
                    throw new ArgumentOutOfRangeException("value", "NotBeforeLeewaySeconds must be between 0 and 300.");
                }

                _notBeforeLeewaySeconds = value;
            }
        }

        /// <summary>How the JWT is packed into the token (default <see cref="JwtTokenForm.Compact"/>).</summary>
        public JwtTokenForm Form { get; set; }

        internal JwtOptions Copy()
        {
            JwtOptions copy = new JwtOptions(Issuer, Subject, Audience, LifetimeSeconds);
            copy._keyId = _keyId;
            copy._scope = _scope;
            copy._notBeforeLeewaySeconds = _notBeforeLeewaySeconds;
            copy.Form = Form;
            return copy;
        }

        private static string RequireText(string value, string name)
        {
            if (value == null || value.Length == 0)
            {
                throw new ArgumentException(name + " must not be empty.", name);
            }

            return value;
        }
    }
}
