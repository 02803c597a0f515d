using System;

namespace DeviceAuth.Encoding
{
    /// <summary>
    /// Base64url (RFC 4648 section 5) without padding, as JWTs use it, and conversion of a
    /// base64url value to standard padded Base64 (the form AWS IoT expects in tokenSignature).
    /// The device's <c>Convert</c> class knows only the standard alphabet, hence this class.
    /// Decoding is strict: characters outside the alphabet, padding, impossible lengths and
    /// non-zero unused trailing bits are rejected with <see cref="FormatException"/>.
    /// </summary>
    public static class Base64Url
    {
        private const string UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        private const string StdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        /// <summary>Encodes <paramref name="data"/> as unpadded base64url.</summary>
        /// <param name="data">The bytes to encode.</param>
        public static string Encode(byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            return Encode(data, 0, data.Length);
        }

        /// <summary>Encodes <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/> as unpadded base64url.</summary>
        /// <param name="data">The buffer.</param>
        /// <param name="offset">First byte to encode.</param>
        /// <param name="count">Number of bytes to encode.</param>
        public static string Encode(byte[] data, int offset, int count)
        {
            return new string(EncodeChars(data, offset, count, UrlAlphabet, false));
        }

        /// <summary>Encodes bytes as standard, padded Base64 (same result as <c>Convert.ToBase64String</c>).</summary>
        /// <param name="data">The buffer.</param>
        /// <param name="offset">First byte to encode.</param>
        /// <param name="count">Number of bytes to encode.</param>
        public static string EncodeStandard(byte[] data, int offset, int count)
        {
            return new string(EncodeChars(data, offset, count, StdAlphabet, true));
        }

        /// <summary>Decodes unpadded base64url.</summary>
        /// <param name="text">The base64url text (no padding, no whitespace).</param>
        /// <exception cref="FormatException">The text is not canonical unpadded base64url.</exception>
        public static byte[] Decode(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }

            int length = text.Length;
            int rem = length & 3;
            if (rem == 1)
            {
                throw new FormatException("Base64url text has an impossible length (" + length.ToString() + ").");
            }

            int outLength = (length >> 2) * 3 + (rem == 0 ? 0 : rem - 1);
            byte[] result = new byte[outLength];
            int o = 0;
            int i = 0;
            int full = length - rem;
            while (i < full)
            {
                int v = (Value(text[i]) << 18) | (Value(text[i + 1]) << 12) | (Value(text[i + 2]) << 6) | Value(text[i + 3]);
                result[o] = (byte)(v >> 16);
                result[o + 1] = (byte)(v >> 8);
                result[o + 2] = (byte)v;
                o += 3;
                i += 4;
            }

            if (rem == 2)
            {
                int a = Value(text[i]);
                int b = Value(text[i + 1]);
                if ((b & 0x0F) != 0)
                {
                    throw new FormatException("Base64url text has non-zero trailing bits.");
                }

                result[o] = (byte)((a << 2) | (b >> 4));
            }
            else if (rem == 3)
            {
                int a = Value(text[i]);
                int b = Value(text[i + 1]);
                int c = Value(text[i + 2]);
                if ((c & 0x03) != 0)
                {
                    throw new FormatException("Base64url text has non-zero trailing bits.");
                }

                result[o] = (byte)((a << 2) | (b >> 4));
                result[o + 1] = (byte)((b << 4) | (c >> 2));
            }

            return result;
        }

        /// <summary>
        /// Converts unpadded base64url to standard padded Base64 without decoding: the alphabet is
        /// mapped and the padding that the length requires is added, which is right for every input
        /// length (so for every RSA key size).
        /// </summary>
        /// <param name="base64Url">Unpadded base64url text.</param>
        /// <exception cref="FormatException">The text is not canonical unpadded base64url.</exception>
        public static string ToStandardBase64(string base64Url)
        {
            if (base64Url == null)
            {
                throw new ArgumentNullException("base64Url");
            }

            int length = base64Url.Length;
            int rem = length & 3;
            if (rem == 1)
            {
                throw new FormatException("Base64url text has an impossible length (" + length.ToString() + ").");
            }

            int padded = rem == 0 ? length : length + 4 - rem;
            char[] chars = new char[padded];
            for (int i = 0; i < length; i++)
            {
                char c = base64Url[i];
                Value(c);
                if (c == '-')
                {
                    c = '+';
                }
                else if (c == '_')
                {
                    c = '/';
                }

                chars[i] = c;
            }

            if (rem != 0)
            {
                int last = Value(base64Url[length - 1]);
                if ((rem == 2 && (last & 0x0F) != 0) || (rem == 3 && (last & 0x03) != 0))
                {
                    throw new FormatException("Base64url text has non-zero trailing bits.");
                }
            }

            for (int i = length; i < padded; i++)
            {
                chars[i] = '=';
            }

            return new string(chars);
        }

        private static char[] EncodeChars(byte[] data, int offset, int count, string alphabet, bool pad)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset", "offset and count must describe a range inside data.");
            }

            int full = count / 3;
            int rem = count - full * 3;
            int outLength = full * 4 + (rem == 0 ? 0 : (pad ? 4 : rem + 1));
            char[] chars = new char[outLength];
            int i = offset;
            int o = 0;
            for (int n = 0; n < full; n++)
            {
                int v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
                chars[o] = alphabet[v >> 18];
                chars[o + 1] = alphabet[(v >> 12) & 0x3F];
                chars[o + 2] = alphabet[(v >> 6) & 0x3F];
                chars[o + 3] = alphabet[v & 0x3F];
                i += 3;
                o += 4;
            }

            if (rem == 1)
            {
                int v = data[i];
                chars[o] = alphabet[v >> 2];
                chars[o + 1] = alphabet[(v & 0x03) << 4];
                if (pad)
                {
                    chars[o + 2] = '=';
                    chars[o + 3] = '=';
                }
            }
            else if (rem == 2)
            {
                int v = (data[i] << 8) | data[i + 1];
                chars[o] = alphabet[v >> 10];
                chars[o + 1] = alphabet[(v >> 4) & 0x3F];
                chars[o + 2] = alphabet[(v & 0x0F) << 2];
                if (pad)
                {
                    chars[o + 3] = '=';
                }
            }

            return chars;
        }

        private static int Value(char c)
        {
            int v = SextetValue(c, '-', '_');
            if (v < 0)
            {
                throw new FormatException("Base64url text contains a character outside the base64url alphabet.");
            }

            return v;
        }

        /// <summary>
        /// The 6-bit value of a Base64 character, or -1 for a character outside the alphabet whose
        /// last two characters are <paramref name="c62"/> and <paramref name="c63"/> ('+' '/' standard, '-' '_' URL).
        /// </summary>
        internal static int SextetValue(char c, char c62, char c63)
        {
            if (c >= 'A' && c <= 'Z')
            {
                return c - 'A';
            }

            if (c >= 'a' && c <= 'z')
            {
                return c - 'a' + 26;
            }

            if (c >= '0' && c <= '9')
            {
                return c - '0' + 52;
            }

            if (c == c62)
            {
                return 62;
            }

            if (c == c63)
            {
                return 63;
            }

            return -1;
        }
    }
}
