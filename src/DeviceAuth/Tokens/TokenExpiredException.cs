using System;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// Thrown when a token is expired (or would not stay valid for the required time) and cannot be
    /// replaced: a static token past its expiry, or an expired token handed to a credential composer.
    /// The message never contains the token.
    /// </summary>
    public sealed class TokenExpiredException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="expiresAt">When the token expires or expired (UTC).</param>
        /// <param name="now">The clock reading (UTC).</param>
        /// <param name="requiredValiditySeconds">The validity that was required, in seconds (0 = merely not expired).</param>
        public TokenExpiredException(DateTime expiresAt, DateTime now, int requiredValiditySeconds)
            : base(BuildMessage(expiresAt, now, requiredValiditySeconds))
        {
            ExpiresAt = expiresAt;
            Now = now;
            RequiredValiditySeconds = requiredValiditySeconds;
        }

        /// <summary>When the token expires or expired (UTC).</summary>
        public DateTime ExpiresAt { get; }

        /// <summary>The clock reading when the token was refused (UTC).</summary>
        public DateTime Now { get; }

        /// <summary>The validity that was required, in seconds.</summary>
        public int RequiredValiditySeconds { get; }

        private static string BuildMessage(DateTime expiresAt, DateTime now, int requiredValiditySeconds)
        {
            string head = now >= expiresAt ? "The token expired at " : "The token expires at ";
            string tail = now >= expiresAt
                ? "; it must not be sent again: obtain a new token."
                : ", less than the required " + requiredValiditySeconds.ToString() + " s from now, and this source cannot produce a new one.";
            return head + expiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ") + " (now " + now.ToString("yyyy-MM-ddTHH:mm:ssZ") + ")" + tail;
        }
    }
}
