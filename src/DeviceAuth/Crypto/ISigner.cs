namespace DeviceAuth.Crypto
{
    /// <summary>
    /// Produces a signature over bytes. Token sources depend on this interface, so a device can
    /// use the managed RSA signer, a native one in a custom firmware, or a test double.
    /// </summary>
    public interface ISigner
    {
        /// <summary>The JOSE algorithm name of the signature ("RS256" for RSASSA-PKCS1-v1_5 SHA-256, "HS256" for HMAC-SHA256).</summary>
        string JwsAlgorithm { get; }

        /// <summary>Signs <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <param name="data">The buffer holding the message.</param>
        /// <param name="offset">First byte of the message.</param>
        /// <param name="count">Length of the message.</param>
        /// <returns>The raw signature bytes.</returns>
        byte[] Sign(byte[] data, int offset, int count);
    }
}
