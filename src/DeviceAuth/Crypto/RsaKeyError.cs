namespace DeviceAuth.Crypto
{
    /// <summary>Why an RSA private key was rejected, or why a signature was withheld (see <see cref="RsaKeyException"/>).</summary>
    public enum RsaKeyError
    {
        /// <summary>The text has no <c>-----BEGIN ...-----</c> line, or no matching <c>-----END ...-----</c> line.</summary>
        MissingPemArmor = 1,

        /// <summary>The END line names a different label than the BEGIN line.</summary>
        MismatchedPemArmor = 2,

        /// <summary>The PEM body is not canonical standard Base64 (bad character, bad length, misplaced padding, non-zero trailing bits) or is empty.</summary>
        InvalidBase64 = 3,

        /// <summary>The key is encrypted (<c>ENCRYPTED PRIVATE KEY</c>, a PKCS#8 EncryptedPrivateKeyInfo, or a PEM with <c>Proc-Type: 4,ENCRYPTED</c>); decrypt it off the device first.</summary>
        EncryptedKey = 4,

        /// <summary>Not an RSA private key: an EC, DSA or other algorithm, a public key, a certificate, or an unknown PEM label.</summary>
        UnsupportedKeyType = 5,

        /// <summary>The DER ends before an element it announces is complete.</summary>
        TruncatedDer = 6,

        /// <summary>The DER is not a strict encoding of the expected structure (unexpected tag, indefinite or non-minimal length, non-minimal or negative INTEGER, trailing bytes).</summary>
        MalformedDer = 7,

        /// <summary>A version the importer does not handle (for instance a multi-prime PKCS#1 key).</summary>
        UnsupportedVersion = 8,

        /// <summary>The modulus is shorter than 2048 bits.</summary>
        KeyTooSmall = 9,

        /// <summary>The modulus is longer than 4096 bits.</summary>
        KeyTooLarge = 10,

        /// <summary>The public exponent is even, smaller than 3 or wider than 32 bits.</summary>
        UnsupportedPublicExponent = 11,

        /// <summary>The CRT parameters do not describe one key (p*q != n, an even prime, exponents or coefficient out of range, q*qInv != 1 mod p).</summary>
        InconsistentKey = 12,

        /// <summary>A signature failed its check with the public exponent and was withheld (a computation fault, or CRT exponents that do not belong to the key).</summary>
        FaultDetected = 13,
    }
}
