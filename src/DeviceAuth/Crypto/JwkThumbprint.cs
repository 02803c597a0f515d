using System;
using DeviceAuth.Encoding;

namespace DeviceAuth.Crypto
{
    /// <summary>
    /// The RFC 7638 JWK thumbprint of an RSA public key: base64url(SHA-256(<c>{"e":E,"kty":"RSA","n":N}</c>))
    /// with E and N the unpadded base64url of the minimal big-endian exponent and modulus. DeviceAuth
    /// uses it as the default <c>kid</c>: a JWT's header names the key, and <c>deviceauth apigateway
    /// issuer</c> publishes the key under the same id in the issuer's JWKS.
    /// </summary>
    public static class JwkThumbprint
    {
        /// <summary>The thumbprint of the public half of <paramref name="key"/> (43 characters).</summary>
        /// <param name="key">The device's RSA key (public values only are read).</param>
        /// <returns>The base64url thumbprint, usable as <c>JwtOptions.KeyId</c>.</returns>
        public static string ForRsaKey(RsaPrivateKey key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            uint e = key.PublicExponent;
            byte[] exponent = new byte[] { (byte)(e >> 24), (byte)(e >> 16), (byte)(e >> 8), (byte)e };
            return ForRsaPublicKey(key.N, exponent);
        }

        /// <summary>The thumbprint of the RSA public key (<paramref name="modulus"/>, <paramref name="exponent"/>).</summary>
        /// <param name="modulus">n, big-endian (leading zero bytes are ignored).</param>
        /// <param name="exponent">e, big-endian (leading zero bytes are ignored).</param>
        /// <returns>The base64url thumbprint (43 characters).</returns>
        /// <exception cref="ArgumentException">n or e is zero.</exception>
        public static string ForRsaPublicKey(byte[] modulus, byte[] exponent)
        {
            // RFC 7638 section 3.2: members in lexicographic order, no whitespace; RFC 7518 section 6.3.1: minimal octets.
            string json = "{\"e\":\"" + Minimal(exponent, "exponent") + "\",\"kty\":\"RSA\",\"n\":\"" + Minimal(modulus, "modulus") + "\"}";
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(json);
            return Base64Url.Encode(Sha256.Hash(utf8));
        }

        private static string Minimal(byte[] value, string name)
        {
            if (value == null)
            {
                throw new ArgumentNullException(name);
            }

            int start = 0;
            while (start < value.Length && value[start] == 0)
            {
                start++;
            }

            if (start == value.Length)
            {
                throw new ArgumentException("The RSA " + name + " must not be zero.", name);
            }

            return Base64Url.Encode(value, start, value.Length - start);
        }
    }
}
