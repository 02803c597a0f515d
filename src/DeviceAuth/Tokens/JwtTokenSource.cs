using System;
using DeviceAuth.Crypto;
using DeviceAuth.Encoding;
using DeviceAuth.Json;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// Mints JWTs (RFC 7519) signed by an <see cref="ISigner"/> (RS256, or HS256 for a shared-secret
    /// verifier): header <c>{"alg","typ":"JWT","kid"}</c>, claims <c>iss, sub, aud, iat, nbf, exp,
    /// jti</c> and optional <c>scope</c>, each part base64url without padding. Depending on
    /// <see cref="JwtOptions.Form"/> the token is the compact JWT (for <c>Authorization: Bearer</c>)
    /// or, for AWS IoT, <c>header.payload</c> with the signature as standard padded Base64 in
    /// tokenSignature (the same signed bytes, so AWS IoT's RSA check passes for every key size).
    /// </summary>
    public sealed class JwtTokenSource : MintingTokenSource
    {
        private readonly JwtOptions _options;
        private readonly ISigner _signer;
        private readonly IRandomSource _random;
        private readonly string _encodedHeader;

        /// <summary>Creates the source.</summary>
        /// <param name="options">Claims and header fields (copied).</param>
        /// <param name="signer">The signer; its <see cref="ISigner.JwsAlgorithm"/> becomes the alg header.</param>
        /// <param name="clock">The clock.</param>
        /// <param name="random">Randomness for jti.</param>
        public JwtTokenSource(JwtOptions options, ISigner signer, IClock clock, IRandomSource random)
            : base(clock, options == null ? MinLifetimeSeconds : options.LifetimeSeconds)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            if (signer == null)
            {
                throw new ArgumentNullException("signer");
            }

            string alg = signer.JwsAlgorithm;
            if (alg != "RS256" && alg != "HS256")
            {
                throw new ArgumentException("The signer must be RS256 or HS256.", "signer");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            _options = options.Copy();
            if (_options.Form == JwtTokenForm.AwsIotSigned && alg != "RS256")
            {
                throw new ArgumentException("AWS IoT verifies token signatures with RSA SHA-256: the AwsIotSigned form needs an RS256 signer.", "signer");
            }

            _signer = signer;
            _random = random;

            JsonWriter header = new JsonWriter(64);
            header.BeginObject().Property("alg", alg).Property("typ", "JWT");
            if (_options.KeyId != null)
            {
                header.Property("kid", _options.KeyId);
            }

            header.EndObject();
            _encodedHeader = Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(header.GetJson()));
        }

        /// <summary>The form of the tokens this source hands out.</summary>
        public JwtTokenForm Form
        {
            get { return _options.Form; }
        }

        /// <inheritdoc />
        /// <remarks>
        /// iat and nbf are both back-dated by <see cref="JwtOptions.NotBeforeLeewaySeconds"/> (a verifier
        /// such as API Gateway requires both in the past), and the returned token's
        /// <see cref="AuthToken.IssuedAt"/> is that back-dated iat; exp stays mint time plus the lifetime.
        /// </remarks>
        protected override AuthToken Mint(long issuedAtSeconds, long expiresAtSeconds)
        {
            long backdated = issuedAtSeconds - _options.NotBeforeLeewaySeconds;
            JsonWriter claims = new JsonWriter(256);
            claims.BeginObject()
                .Property("iss", _options.Issuer)
                .Property("sub", _options.Subject)
                .Property("aud", _options.Audience)
                .Property("iat", backdated)
                .Property("nbf", backdated)
                .Property("exp", expiresAtSeconds)
                .Property("jti", Nonce.Create(_random, 16));
            if (_options.Scope != null)
            {
                claims.Property("scope", _options.Scope);
            }

            claims.EndObject();
            string signingInput = _encodedHeader + "." + Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(claims.GetJson()));
            byte[] data = System.Text.Encoding.UTF8.GetBytes(signingInput);
            byte[] signature = _signer.Sign(data, 0, data.Length);
            if (signature == null || signature.Length == 0)
            {
                throw new InvalidOperationException("The signer returned no signature.");
            }

            DateTime iat = UnixTime.FromSeconds(backdated);
            DateTime exp = UnixTime.FromSeconds(expiresAtSeconds);
            if (_options.Form == JwtTokenForm.AwsIotSigned)
            {
                return new AuthToken(signingInput, Base64Url.EncodeStandard(signature, 0, signature.Length), iat, exp);
            }

            return new AuthToken(signingInput + "." + Base64Url.Encode(signature, 0, signature.Length), null, iat, exp);
        }
    }
}
