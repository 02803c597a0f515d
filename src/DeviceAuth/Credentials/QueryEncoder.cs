namespace DeviceAuth.Credentials
{
    /// <summary>
    /// RFC 3986 percent-encoding (same output as <c>PercentEncoding.Encode</c>) written straight into
    /// a caller's char buffer, so that composing a username allocates only the result.
    /// </summary>
    internal static class QueryEncoder
    {
        private const string Hex = "0123456789ABCDEF";

        /// <summary>Length of the encoded form, or -1 when <paramref name="s"/> holds an unpaired surrogate.</summary>
        internal static int EncodedLength(string s)
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

        /// <summary>Writes the encoded form of <paramref name="s"/> at <paramref name="pos"/>; returns the new position. The string must have passed <see cref="EncodedLength"/>.</summary>
        internal static int Append(char[] dest, int pos, string s)
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
            int length = s.Length;
            for (int i = 0; i < length; i++)
            {
                dest[pos++] = s[i];
            }

            return pos;
        }

        internal static bool IsUnreserved(char c)
        {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        }

        private static int Byte(char[] dest, int pos, int b)
        {
            dest[pos] = '%';
            dest[pos + 1] = Hex[(b >> 4) & 0xF];
            dest[pos + 2] = Hex[b & 0xF];
            return pos + 3;
        }
    }
}
