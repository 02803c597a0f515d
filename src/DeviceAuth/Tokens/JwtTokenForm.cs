namespace DeviceAuth.Tokens
{
    /// <summary>How a <see cref="JwtTokenSource"/> packs the JWT into an <see cref="AuthToken"/>.</summary>
    public enum JwtTokenForm
    {
        /// <summary>
        /// Token = the compact JWT <c>header.payload.signature</c>, no tokenSignature: for
        /// <c>Authorization: Bearer</c> (API Gateway JWT authorizers) or any JWT-reading authorizer.
        /// </summary>
        Compact = 0,

        /// <summary>
        /// Token = <c>header.payload</c> (the signed bytes) and tokenSignature = the JWT signature as
        /// standard padded Base64: what an AWS IoT authorizer with signing enabled verifies.
        /// </summary>
        AwsIotSigned = 1,
    }
}
