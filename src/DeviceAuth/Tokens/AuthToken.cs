using System;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// A credential ready to attach: the token and, for authorizers with signing enabled, its
    /// signature, plus the instant after which it must not be sent. Immutable.
    /// <see cref="ToString"/> never reveals the token or the signature.
    /// </summary>
    public sealed class AuthToken
    {
        /// <summary>
        /// The value of <see cref="ExpiresAt"/> for a token that does not expire: 3000-12-31T23:59:59.9999999Z,
        /// the device's <c>DateTime.MaxValue</c>, on both builds. A literal, not <c>DateTime.MaxValue</c>: the
        /// device runs static constructors in no dependency order, so a field initialised from another
        /// assembly's static field can capture it before it is set.
        /// </summary>
        public static readonly DateTime NoExpiry = new DateTime(NoExpiryTicks, DateTimeKind.Utc);

        /// <summary>Ticks of <see cref="NoExpiry"/> (nanoFramework's largest DateTime).</summary>
        private const long NoExpiryTicks = 946708127999999999L;

        /// <summary>Creates a token.</summary>
        /// <param name="token">The token (the value sent under the authorizer's tokenKeyName, or a JWT).</param>
        /// <param name="tokenSignature">Standard, padded Base64 of the token's signature; null when the authorizer has signing disabled.</param>
        /// <param name="issuedAt">When the token was minted or fetched (UTC).</param>
        /// <param name="expiresAt">When it stops being valid (UTC), or <see cref="NoExpiry"/>.</param>
        public AuthToken(string token, string tokenSignature, DateTime issuedAt, DateTime expiresAt)
        {
            if (token == null || token.Length == 0)
            {
                throw new ArgumentException("The token must not be empty.", "token");
            }

            if (tokenSignature != null && tokenSignature.Length == 0)
            {
                throw new ArgumentException("The token signature must be null or non-empty.", "tokenSignature");
            }

            if (expiresAt < issuedAt)
            {
                throw new ArgumentException("A token cannot expire before it was issued.", "expiresAt");
            }

            Token = token;
            TokenSignature = tokenSignature;
            IssuedAt = issuedAt;
            ExpiresAt = expiresAt;
        }

        /// <summary>The token.</summary>
        public string Token { get; }

        /// <summary>Standard padded Base64 signature of <see cref="Token"/>, or null when unsigned.</summary>
        public string TokenSignature { get; }

        /// <summary>When the token was minted or fetched (UTC).</summary>
        public DateTime IssuedAt { get; }

        /// <summary>When the token stops being valid (UTC); <see cref="NoExpiry"/> when it does not expire.</summary>
        public DateTime ExpiresAt { get; }

        /// <summary>True when the token has an expiry (an <see cref="ExpiresAt"/> before <see cref="NoExpiry"/>; a later one, such as .NET's DateTime.MaxValue, also means none).</summary>
        public bool HasExpiry
        {
            get { return ExpiresAt < NoExpiry; }
        }

        /// <summary>True when the token is expired at <paramref name="now"/> (expiry is exclusive).</summary>
        /// <param name="now">The current time (UTC).</param>
        public bool IsExpiredAt(DateTime now)
        {
            return now >= ExpiresAt;
        }

        /// <summary>Whole seconds of validity left at <paramref name="now"/> (0 when expired, int.MaxValue when it never expires).</summary>
        /// <param name="now">The current time (UTC).</param>
        public int SecondsRemaining(DateTime now)
        {
            if (!HasExpiry)
            {
                return int.MaxValue;
            }

            if (now >= ExpiresAt)
            {
                return 0;
            }

            long seconds = (ExpiresAt - now).Ticks / TimeSpan.TicksPerSecond;
            return seconds > int.MaxValue ? int.MaxValue : (int)seconds;
        }

        /// <summary>A description that never contains the token or its signature.</summary>
        public override string ToString()
        {
            return "AuthToken(" + Token.Length.ToString() + " chars, " + (TokenSignature == null ? "unsigned" : "signed") + ", expires " + (HasExpiry ? ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ") : "never") + ")";
        }
    }
}
