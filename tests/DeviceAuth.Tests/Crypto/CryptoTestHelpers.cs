using System;
using DeviceAuth.Crypto;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Crypto
{
    /// <summary>
    /// Small helpers for the crypto tests, in the device subset: strings are read once with
    /// ToCharArray (the device re-counts a string on every s[i]), and the runtime's own Base64 is used
    /// as an oracle only through <see cref="RuntimeBase64"/>, which refuses an empty array.
    /// </summary>
    public static class CryptoTestHelpers
    {
        /// <summary>Lower-case hex of <paramref name="data"/>.</summary>
        /// <param name="data">The bytes.</param>
        /// <returns>The hex text.</returns>
        public static string Hex(byte[] data)
        {
            char[] chars = new char[data.Length * 2];
            for (int i = 0; i < data.Length; i++)
            {
                chars[2 * i] = HexDigit(data[i] >> 4);
                chars[(2 * i) + 1] = HexDigit(data[i] & 15);
            }

            return new string(chars);
        }

        /// <summary>Bytes of a hex string.</summary>
        /// <param name="hex">Hex digits, two per byte.</param>
        /// <returns>The bytes.</returns>
        public static byte[] FromHex(string hex)
        {
            char[] digits = hex.ToCharArray();
            byte[] result = new byte[digits.Length / 2];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (byte)((Nibble(digits[2 * i]) << 4) | Nibble(digits[(2 * i) + 1]));
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
            char[] text = pem.ToCharArray();
            int start = DeviceAuth.Encoding.AsciiText.IndexOf(text, '\n', 0, text.Length) + 1;
            int end = DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(text, "-----END".ToCharArray(), 0);
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            for (int i = start; i < end; i++)
            {
                char c = text[i];
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
            return RuntimeBase64(PemBody(pem));
        }

        /// <summary>
        /// The runtime's own Base64 of <paramref name="nonEmpty"/> (Convert.ToBase64String), an oracle
        /// independent of the library's encoder. Refuses an empty array: on the device the runtime returns
        /// garbage for one (../shared/NANOFRAMEWORK.md). The only caller of Convert.ToBase64String the API
        /// gate admits in the test assembly.
        /// </summary>
        /// <param name="nonEmpty">At least one byte.</param>
        /// <returns>Standard, padded Base64.</returns>
        public static string RuntimeBase64(byte[] nonEmpty)
        {
            Assert.IsTrue(nonEmpty.Length > 0, "Convert.ToBase64String of an empty array is garbage on the device: do not use it as an oracle there.");
            return Convert.ToBase64String(nonEmpty);
        }

        /// <summary>PEM text for DER bytes with the given label.</summary>
        /// <param name="label">The armor label.</param>
        /// <param name="der">The DER bytes.</param>
        /// <returns>The PEM text.</returns>
        public static string ToPem(string label, byte[] der)
        {
            return "-----BEGIN " + label + "-----\n" + RuntimeBase64(der) + "\n-----END " + label + "-----\n";
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
            char[] message = e.Message.ToCharArray();
            Assert.IsTrue(message.Length > 10, "message present");
            char[] key = keyBase64.ToCharArray();
            char[] window = new char[12];
            for (int i = 0; i + 12 <= key.Length; i += 3)
            {
                Array.Copy(key, i, window, 0, 12);
                if (DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(message, window, 0) >= 0)
                {
                    Assert.IsTrue(false, "The message quotes key material.");
                }
            }
        }

        private static char HexDigit(int v)
        {
            return (char)(v < 10 ? '0' + v : 'a' + v - 10);
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
