using System;
using System.Text;

namespace DeviceAuth.Encoding
{
    /// <summary>
    /// RFC 3986 percent-encoding: every byte of the UTF-8 form except the unreserved characters
    /// (ALPHA, DIGIT, '-', '.', '_', '~') becomes %XX with upper-case hex digits. This is the
    /// encoding AWS IoT expects for custom-authorizer values in an MQTT username or query string
    /// (a space becomes %20, never '+'). Decoding is strict.
    /// </summary>
    public static class PercentEncoding
    {
        private const string Hex = "0123456789ABCDEF";

        /// <summary>Percent-encodes <paramref name="value"/>.</summary>
        /// <param name="value">Text to encode; must not contain unpaired surrogates.</param>
        public static string Encode(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            int length = value.Length;
            bool plain = true;
            for (int i = 0; i < length; i++)
            {
                if (!IsUnreserved(value[i]))
                {
                    plain = false;
                    break;
                }
            }

            if (plain)
            {
                return value;
            }

            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(value);
            int outLength = 0;
            for (int i = 0; i < utf8.Length; i++)
            {
                outLength += IsUnreserved((char)utf8[i]) ? 1 : 3;
            }

            char[] chars = new char[outLength];
            int o = 0;
            for (int i = 0; i < utf8.Length; i++)
            {
                int b = utf8[i];
                if (IsUnreserved((char)b))
                {
                    chars[o++] = (char)b;
                }
                else
                {
                    chars[o] = '%';
                    chars[o + 1] = Hex[b >> 4];
                    chars[o + 2] = Hex[b & 0x0F];
                    o += 3;
                }
            }

            return new string(chars);
        }

        /// <summary>Decodes percent-encoded text ('+' is a literal plus, not a space).</summary>
        /// <param name="value">Percent-encoded text.</param>
        /// <exception cref="FormatException">A '%' is not followed by two hex digits, or the bytes are not UTF-8 text.</exception>
        public static string Decode(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            if (value.IndexOf('%') < 0)
            {
                return value;
            }

            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(value);
            byte[] bytes = new byte[utf8.Length];
            int n = 0;
            for (int i = 0; i < utf8.Length; i++)
            {
                byte b = utf8[i];
                if (b == (byte)'%')
                {
                    if (i + 2 >= utf8.Length)
                    {
                        throw new FormatException("Percent-encoded text ends inside an escape sequence.");
                    }

                    int hi = HexValue(utf8[i + 1]);
                    int lo = HexValue(utf8[i + 2]);
                    if (hi < 0 || lo < 0)
                    {
                        throw new FormatException("Percent-encoded text has a '%' not followed by two hex digits.");
                    }

                    bytes[n++] = (byte)((hi << 4) | lo);
                    i += 2;
                }
                else
                {
                    bytes[n++] = b;
                }
            }

            return Utf8Text.Decode(bytes, 0, n);
        }

        /// <summary>True for the RFC 3986 unreserved characters.</summary>
        /// <param name="c">The character.</param>
        public static bool IsUnreserved(char c)
        {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        }

        private static int HexValue(byte b)
        {
            if (b >= (byte)'0' && b <= (byte)'9')
            {
                return b - '0';
            }

            if (b >= (byte)'A' && b <= (byte)'F')
            {
                return b - 'A' + 10;
            }

            if (b >= (byte)'a' && b <= (byte)'f')
            {
                return b - 'a' + 10;
            }

            return -1;
        }
    }
}
