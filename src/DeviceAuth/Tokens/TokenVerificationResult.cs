namespace DeviceAuth.Tokens
{
    /// <summary>The outcome of a token verification and, when the token was well-formed, its claims.</summary>
    public sealed class TokenVerificationResult
    {
        /// <summary>Creates a result.</summary>
        /// <param name="status">The outcome.</param>
        /// <param name="claims">The parsed claims, or null when the token was malformed.</param>
        public TokenVerificationResult(TokenVerificationStatus status, CompactClaims claims)
        {
            Status = status;
            Claims = claims;
        }

        /// <summary>The outcome.</summary>
        public TokenVerificationStatus Status { get; }

        /// <summary>The parsed claims (present unless <see cref="Status"/> is <see cref="TokenVerificationStatus.Malformed"/>). Only trust them when <see cref="IsValid"/>.</summary>
        public CompactClaims Claims { get; }

        /// <summary>True when <see cref="Status"/> is <see cref="TokenVerificationStatus.Valid"/>.</summary>
        public bool IsValid
        {
            get { return Status == TokenVerificationStatus.Valid; }
        }
    }
}
