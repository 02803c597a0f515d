using System;

namespace DeviceAuth.Encoding
{
    /// <summary>
    /// RFC 3986 percent-encoding: every byte of the UTF-8 form except the unreserved characters
    /// (ALPHA, DIGIT, '-', '.', '_', '~') becomes %XX with upper-case hex digits. This is the
    /// encoding AWS IoT expects for custom-authorizer values in an MQTT username or query string
    /// (a space becomes %20, never '+'). Text with an unpaired surrogate (no UTF-8 form) is rejected
    /// on both builds. Decoding is strict. The internal members write the encoding straight into a
    /// caller's char buffer, so that composing a username allocates only the result.
    /// </summary>
    public static class PercentEncoding
    {
        /// <summary>Percent-encodes <paramref name="value"/>.</summary>
        /// <param name="value">Text to encode; must not contain unpaired surrogates.</param>
        /// <exception cref="ArgumentException"><paramref name="value"/> contains an unpaired surrogate.</exception>
        public static string Encode(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            char[] source = value.ToCharArray();
            int length = EncodedLength(source);
            if (length < 0)
            {
                throw new ArgumentException("The text contains an unpaired surrogate, which has no UTF-8 form.", "value");
            }

            // Every character other than an unreserved one encodes to 3 or more characters.
            if (length == source.Length)
            {
                return value;
            }

            char[] chars = new char[length];
            Append(chars, 0, source);
            return new string(chars);
        }

        /// <summary>Decodes percent-encoded text ('+' is a literal plus, not a space).</summary>
        /// <param name="value">Percent-encoded text.</param>
        /// <exception cref="FormatException">A '%' is not followed by two hex digits, the text contains an unpaired surrogate, or the bytes are not UTF-8 text.</exception>
        public static string Decode(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            char[] source = value.ToCharArray();
            if (AsciiText.IndexOf(source, '%', 0, source.Length) < 0)
            {
                return value;
            }

            if (EncodedLength(source) < 0)
            {
                throw new FormatException("Percent-encoded text contains an unpaired surrogate.");
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
            return AsciiText.IsAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
        }

        /// <summary>Length of the encoded form, or -1 when <paramref name="s"/> holds an unpaired surrogate.</summary>
        internal static int EncodedLength(string s)
        {
            return EncodedLength(s.ToCharArray());
        }

        /// <summary>Length of the encoded form, or -1 when <paramref name="s"/> holds an unpaired surrogate.</summary>
        internal static int EncodedLength(char[] s)
        {
            int length = s.Length;
            int n = 0;
            for (int i = 0; i < length; i++)
            {
                char c = s[i];
                if (IsUnreserved(c))
                {
                    n++;
                }
                else if (c < 0x80)
                {
                    n += 3;
                }
                else if (c < 0x800)
                {
                    n += 6;
                }
                else if (c < 0xD800 || c > 0xDFFF)
                {
                    n += 9;
                }
                else if (c <= 0xDBFF && i + 1 < length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    n += 12;
                    i++;
                }
                else
                {
                    return -1;
                }
            }

            return n;
        }

        /// <summary>Writes the encoded form of <paramref name="s"/> at <paramref name="pos"/>; returns the new position. The string must have passed <see cref="EncodedLength(string)"/>.</summary>
        internal static int Append(char[] dest, int pos, string s)
        {
            return Append(dest, pos, s.ToCharArray());
        }

        /// <summary>Writes the encoded form of <paramref name="s"/> at <paramref name="pos"/>; returns the new position. The chars must have passed <see cref="EncodedLength(char[])"/>.</summary>
        internal static int Append(char[] dest, int pos, char[] s)
        {
            int length = s.Length;
            for (int i = 0; i < length; i++)
            {
                char c = s[i];
                if (IsUnreserved(c))
                {
                    dest[pos++] = c;
                }
                else if (c < 0x80)
                {
                    pos = Byte(dest, pos, c);
                }
                else if (c < 0x800)
                {
                    pos = Byte(dest, pos, 0xC0 | (c >> 6));
                    pos = Byte(dest, pos, 0x80 | (c & 0x3F));
                }
                else if (c < 0xD800 || c > 0xDFFF)
                {
                    pos = Byte(dest, pos, 0xE0 | (c >> 12));
                    pos = Byte(dest, pos, 0x80 | ((c >> 6) & 0x3F));
                    pos = Byte(dest, pos, 0x80 | (c & 0x3F));
                }
                else
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                    i++;
                    pos = Byte(dest, pos, 0xF0 | (cp >> 18));
                    pos = Byte(dest, pos, 0x80 | ((cp >> 12) & 0x3F));
                    pos = Byte(dest, pos, 0x80 | ((cp >> 6) & 0x3F));
                    pos = Byte(dest, pos, 0x80 | (cp & 0x3F));
                }
            }

            return pos;
        }

        /// <summary>Copies <paramref name="s"/> unchanged at <paramref name="pos"/>; returns the new position.</summary>
        internal static int AppendRaw(char[] dest, int pos, string s)
        {
            char[] c = s.ToCharArray();
            Array.Copy(c, 0, dest, pos, c.Length);
            return pos + c.Length;
        }

        /// <summary>Copies <paramref name="s"/> unchanged at <paramref name="pos"/>; returns the new position.</summary>
        internal static int AppendRaw(char[] dest, int pos, char[] s)
        {
            Array.Copy(s, 0, dest, pos, s.Length);
            return pos + s.Length;
        }

        private static int Byte(char[] dest, int pos, int b)
        {
            dest[pos] = '%';
            dest[pos + 1] = HexDigit((b >> 4) & 0xF);
            dest[pos + 2] = HexDigit(b & 0xF);
            return pos + 3;
        }

        private static char HexDigit(int v)
        {
            return (char)(v < 10 ? '0' + v : 'A' + v - 10);
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
