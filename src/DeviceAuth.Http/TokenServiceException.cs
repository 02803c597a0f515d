using System;

namespace DeviceAuth.Http
{
    /// <summary>
    /// The token service did not provide a usable token (HTTP error, malformed answer, or the
    /// source is backing off after a failure and holds no valid token). Never carries the token.
    /// </summary>
    public sealed class TokenServiceException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">What went wrong (no secrets).</param>
        /// <param name="statusCode">The HTTP status, or 0 when none was received.</param>
        /// <param name="retryInMilliseconds">How long until the source will ask the service again.</param>
        public TokenServiceException(string message, int statusCode, long retryInMilliseconds)
            : base(message)
        {
            StatusCode = statusCode;
            RetryInMilliseconds = retryInMilliseconds;
        }

        /// <summary>The HTTP status of the last answer, or 0.</summary>
        public int StatusCode { get; }

        /// <summary>How long until the source will ask the service again, in ms.</summary>
        public long RetryInMilliseconds { get; }
    }
}
