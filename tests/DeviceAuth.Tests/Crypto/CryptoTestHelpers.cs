using System;
using DeviceAuth.Crypto;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Crypto
{
    /// <summary>Small helpers for the crypto tests, in the device subset.</summary>
    public static class CryptoTestHelpers
    {
        /// <summary>Lower-case hex of <paramref name="data"/>.</summary>
        /// <param name="data">The bytes.</param>
        /// <returns>The hex text.</returns>
        public static string Hex(byte[] data)
        {
            const string Digits = "0123456789abcdef";
            char[] chars = new char[data.Length * 2];
            for (int i = 0; i < data.Length; i++)
            {
                chars[2 * i] = Digits[data[i] >> 4];
                chars[(2 * i) + 1] = Digits[data[i] & 15];
            }

            return new string(chars);
        }

        /// <summary>Bytes of a hex string.</summary>
        /// <param name="hex">Hex digits, two per byte.</param>
        /// <returns>The bytes.</returns>
        public static byte[] FromHex(string hex)
        {
            byte[] result = new byte[hex.Length / 2];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[(2 * i) + 1]));
            }

            return result;
        }

        /// <summary>A byte array of <paramref name="count"/> copies of <paramref name="value"/>.</summary>
        /// <param name="value">The byte.</param>
        /// <param name="count">How many.</param>
        /// <returns>The array.</returns>
        public static byte[] Repeat(byte value, int count)
        {
            byte[] result = new byte[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = value;
            }

            return result;
        }

        /// <summary>UTF-8 bytes of a string.</summary>
        /// <param name="text">The text.</param>
        /// <returns>The bytes.</returns>
        public static byte[] Utf8(string text)
        {
            return System.Text.Encoding.UTF8.GetBytes(text);
        }

        /// <summary>Asserts two byte arrays are equal.</summary>
        /// <param name="expected">Expected bytes.</param>
        /// <param name="actual">Actual bytes.</param>
        public static void AssertBytes(byte[] expected, byte[] actual)
        {
            Assert.IsNotNull(actual);
            Assert.AreEqual(expected.Length, actual.Length, "length");
            for (int i = 0; i < expected.Length; i++)
            {
                if (expected[i] != actual[i])
                {
                    Assert.IsTrue(false, "byte " + i.ToString() + " differs");
                }
            }
        }

        /// <summary>The DER inside a PEM text (standard Base64 between the armor lines).</summary>
        /// <param name="pem">The PEM text.</param>
        /// <returns>The DER bytes.</returns>
        public static byte[] PemBody(string pem)
        {
            int start = pem.IndexOf('\n') + 1;
            int end = DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(pem, "-----END");
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            for (int i = start; i < end; i++)
            {
                char c = pem[i];
                if (c != '\n' && c != '\r')
                {
                    sb.Append(c);
                }
            }

            return Convert.FromBase64String(sb.ToString());
        }

        /// <summary>The Base64 body text of a PEM (without line breaks).</summary>
        /// <param name="pem">The PEM text.</param>
        /// <returns>The Base64 text.</returns>
        public static string PemBase64(string pem)
        {
            return Convert.ToBase64String(PemBody(pem));
        }

        /// <summary>PEM text for DER bytes with the given label.</summary>
        /// <param name="label">The armor label.</param>
        /// <param name="der">The DER bytes.</param>
        /// <returns>The PEM text.</returns>
        public static string ToPem(string label, byte[] der)
        {
            return "-----BEGIN " + label + "-----\n" + Convert.ToBase64String(der) + "\n-----END " + label + "-----\n";
        }

        /// <summary>A copy of <paramref name="data"/>.</summary>
        /// <param name="data">The bytes.</param>
        /// <returns>The copy.</returns>
        public static byte[] Copy(byte[] data)
        {
            byte[] copy = new byte[data.Length];
            Array.Copy(data, copy, data.Length);
            return copy;
        }

        /// <summary>Runs an import and returns the RsaKeyException it raised (fails when none or another type).</summary>
        /// <param name="pem">The PEM text to import.</param>
        /// <returns>The exception.</returns>
        public static RsaKeyException PemError(string pem)
        {
            try
            {
                RsaPrivateKey key = RsaPrivateKey.FromPem(pem);
                key.Dispose();
            }
            catch (RsaKeyException e)
            {
                return e;
            }

            Assert.IsTrue(false, "The key was accepted.");
            return null;
        }

        /// <summary>Runs a PKCS#1 DER import and returns its RsaKeyException.</summary>
        /// <param name="der">The DER bytes.</param>
        /// <returns>The exception.</returns>
        public static RsaKeyException Pkcs1Error(byte[] der)
        {
            try
            {
                RsaPrivateKey.FromPkcs1Der(der).Dispose();
            }
            catch (RsaKeyException e)
            {
                return e;
            }

            Assert.IsTrue(false, "The key was accepted.");
            return null;
        }

        /// <summary>Runs a PKCS#8 DER import and returns its RsaKeyException.</summary>
        /// <param name="der">The DER bytes.</param>
        /// <returns>The exception.</returns>
        public static RsaKeyException Pkcs8Error(byte[] der)
        {
            try
            {
                RsaPrivateKey.FromPkcs8Der(der).Dispose();
            }
            catch (RsaKeyException e)
            {
                return e;
            }

            Assert.IsTrue(false, "The key was accepted.");
            return null;
        }

        /// <summary>
        /// Asserts the error code and that the message quotes no key material: no 12-character
        /// window of the key's Base64 body appears in it.
        /// </summary>
        /// <param name="expected">The expected error.</param>
        /// <param name="e">The exception.</param>
        /// <param name="keyBase64">The key's Base64 body.</param>
        public static void AssertError(RsaKeyError expected, RsaKeyException e, string keyBase64)
        {
            Assert.AreEqual((int)expected, (int)e.Error, "error code (message: " + e.Message + ")");
            string message = e.Message;
            Assert.IsTrue(message.Length > 10, "message present");
            for (int i = 0; i + 12 <= keyBase64.Length; i += 3)
            {
                if (DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(message, keyBase64.Substring(i, 12)) >= 0)
                {
                    Assert.IsTrue(false, "The message quotes key material.");
                }
            }
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return c - 'A' + 10;
        }
    }
}
