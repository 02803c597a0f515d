using System;

namespace DeviceAuth.Encoding
{
    /// <summary>
    /// Base64url (RFC 4648 section 5) without padding, as JWTs use it, and conversion of a
    /// base64url value to standard padded Base64 (the form AWS IoT expects in tokenSignature).
    /// The device's <c>Convert</c> class knows only the standard alphabet (and its
    /// <c>ToBase64String</c> returns garbage for an empty array), hence this class, which device code
    /// uses for standard Base64 too (<see cref="EncodeStandard"/>).
    /// Decoding is strict: characters outside the alphabet, padding, impossible lengths and
    /// non-zero unused trailing bits are rejected with <see cref="FormatException"/>.
    /// </summary>
    public static class Base64Url
    {
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
            return new string(EncodeChars(data, offset, count, '-', '_', false));
        }

        /// <summary>Encodes bytes as standard, padded Base64 (same result as .NET's <c>Convert.ToBase64String</c>; empty for no bytes).</summary>
        /// <param name="data">The buffer.</param>
        /// <param name="offset">First byte to encode.</param>
        /// <param name="count">Number of bytes to encode.</param>
        public static string EncodeStandard(byte[] data, int offset, int count)
        {
            return new string(EncodeChars(data, offset, count, '+', '/', true));
        }

        /// <summary>Standard, padded Base64 of the bytes, as characters.</summary>
        internal static char[] EncodeStandardChars(byte[] data, int offset, int count)
        {
            return EncodeChars(data, offset, count, '+', '/', true);
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

            char[] chars = text.ToCharArray();
            int length = chars.Length;
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
                int v = (Value(chars[i]) << 18) | (Value(chars[i + 1]) << 12) | (Value(chars[i + 2]) << 6) | Value(chars[i + 3]);
                result[o] = (byte)(v >> 16);
                result[o + 1] = (byte)(v >> 8);
                result[o + 2] = (byte)v;
                o += 3;
                i += 4;
            }

            if (rem == 2)
            {
                int a = Value(chars[i]);
                int b = Value(chars[i + 1]);
                if ((b & 0x0F) != 0)
                {
                    throw new FormatException("Base64url text has non-zero trailing bits.");
                }

                result[o] = (byte)((a << 2) | (b >> 4));
            }
            else if (rem == 3)
            {
                int a = Value(chars[i]);
                int b = Value(chars[i + 1]);
                int c = Value(chars[i + 2]);
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

            char[] source = base64Url.ToCharArray();
            int length = source.Length;
            int rem = length & 3;
            if (rem == 1)
            {
                throw new FormatException("Base64url text has an impossible length (" + length.ToString() + ").");
            }

            int padded = rem == 0 ? length : length + 4 - rem;
            char[] chars = new char[padded];
            for (int i = 0; i < length; i++)
            {
                char c = source[i];
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
                int last = Value(source[length - 1]);
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

        private static char[] EncodeChars(byte[] data, int offset, int count, char c62, char c63, bool pad)
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
                chars[o] = SextetChar(v >> 18, c62, c63);
                chars[o + 1] = SextetChar((v >> 12) & 0x3F, c62, c63);
                chars[o + 2] = SextetChar((v >> 6) & 0x3F, c62, c63);
                chars[o + 3] = SextetChar(v & 0x3F, c62, c63);
                i += 3;
                o += 4;
            }

            if (rem == 1)
            {
                int v = data[i];
                chars[o] = SextetChar(v >> 2, c62, c63);
                chars[o + 1] = SextetChar((v & 0x03) << 4, c62, c63);
                if (pad)
                {
                    chars[o + 2] = '=';
                    chars[o + 3] = '=';
                }
            }
            else if (rem == 2)
            {
                int v = (data[i] << 8) | data[i + 1];
                chars[o] = SextetChar(v >> 10, c62, c63);
                chars[o + 1] = SextetChar((v >> 4) & 0x3F, c62, c63);
                chars[o + 2] = SextetChar((v & 0x0F) << 2, c62, c63);
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

        /// <summary>The Base64 character of the 6-bit value <paramref name="v"/>, in the alphabet ending in <paramref name="c62"/>, <paramref name="c63"/>.</summary>
        private static char SextetChar(int v, char c62, char c63)
        {
            if (v < 26)
            {
                return (char)('A' + v);
            }

            if (v < 52)
            {
                return (char)('a' + v - 26);
            }

            if (v < 62)
            {
                return (char)('0' + v - 52);
            }

            return v == 62 ? c62 : c63;
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
