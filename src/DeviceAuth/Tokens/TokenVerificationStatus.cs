namespace DeviceAuth.Tokens
{
    /// <summary>Outcome of verifying a device-minted token (HMAC token or device-signed claim string).</summary>
    public enum TokenVerificationStatus
    {
        /// <summary>Well-formed, authentic and within its validity.</summary>
        Valid = 0,

        /// <summary>Not a well-formed token of the expected format.</summary>
        Malformed = 1,

        /// <summary>The MAC does not match (wrong secret or altered token).</summary>
        BadSignature = 2,

        /// <summary>The verifier's time is at or after the expiry (plus the allowed skew).</summary>
        Expired = 3,

        /// <summary>Issued in the future beyond the allowed clock skew.</summary>
        NotYetValid = 4,

        /// <summary>exp - iat exceeds the verifier's maximum lifetime.</summary>
        LifetimeTooLong = 5,
    }
}
