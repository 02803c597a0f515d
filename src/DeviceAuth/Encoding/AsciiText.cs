namespace DeviceAuth.Encoding
{
    /// <summary>
    /// Ordinal (char-by-char) string tests that behave the same on the device and on .NET. On .NET,
    /// <c>string.StartsWith(string)</c>, <c>EndsWith(string)</c> and <c>IndexOf(string)</c> are
    /// culture-sensitive (they ignore e.g. a soft hyphen); on the device they are ordinal, and
    /// <c>IndexOf</c> and the indexer <c>s[i]</c> count positions wrongly after a supplementary
    /// character (the device stores strings as UTF-8 and re-counts them on every call). These helpers
    /// read each string once with <c>ToCharArray()</c> and work on the array; the API gate rejects the
    /// string members in device code, so the same source accepts the same inputs on both builds.
    /// </summary>
    public static class AsciiText
    {
        /// <summary>True for ASCII letters and digits (<c>[A-Za-z0-9]</c>).</summary>
        /// <param name="c">The character.</param>
        public static bool IsAlnum(char c)
        {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        }

        /// <summary>True when <paramref name="s"/> begins with <paramref name="prefix"/>, compared char by char.</summary>
        /// <param name="s">The string tested.</param>
        /// <param name="prefix">The prefix.</param>
        public static bool StartsWithOrdinal(string s, string prefix)
        {
            char[] chars = s.ToCharArray();
            char[] p = prefix.ToCharArray();
            return chars.Length >= p.Length && MatchesAt(chars, 0, p);
        }

        /// <summary>True when <paramref name="s"/> ends with <paramref name="suffix"/>, compared char by char.</summary>
        /// <param name="s">The string tested.</param>
        /// <param name="suffix">The suffix.</param>
        public static bool EndsWithOrdinal(string s, string suffix)
        {
            char[] chars = s.ToCharArray();
            char[] p = suffix.ToCharArray();
            return chars.Length >= p.Length && MatchesAt(chars, chars.Length - p.Length, p);
        }

        /// <summary>The first index at or after <paramref name="startIndex"/> where <paramref name="value"/> occurs in <paramref name="s"/>, compared char by char; -1 when absent.</summary>
        /// <param name="s">The string searched.</param>
        /// <param name="value">The non-empty string looked for.</param>
        /// <param name="startIndex">Where the search starts.</param>
        public static int IndexOfOrdinal(string s, string value, int startIndex)
        {
            return IndexOfOrdinal(s.ToCharArray(), value.ToCharArray(), startIndex);
        }

        /// <summary>The first index where <paramref name="value"/> occurs in <paramref name="s"/>, compared char by char; -1 when absent.</summary>
        /// <param name="s">The string searched.</param>
        /// <param name="value">The non-empty string looked for.</param>
        public static int IndexOfOrdinal(string s, string value)
        {
            return IndexOfOrdinal(s.ToCharArray(), value.ToCharArray(), 0);
        }

        /// <summary>The first index at or after <paramref name="startIndex"/> where <paramref name="value"/> occurs in <paramref name="chars"/>; -1 when absent.</summary>
        /// <param name="chars">The characters searched.</param>
        /// <param name="value">The non-empty sequence looked for.</param>
        /// <param name="startIndex">Where the search starts.</param>
        public static int IndexOfOrdinal(char[] chars, char[] value, int startIndex)
        {
            int last = chars.Length - value.Length;
            for (int i = startIndex; i <= last; i++)
            {
                if (chars[i] == value[0] && MatchesAt(chars, i, value))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The first index in [<paramref name="start"/>, <paramref name="end"/>) holding <paramref name="value"/>; -1 when absent.</summary>
        /// <param name="chars">The characters searched.</param>
        /// <param name="value">The character looked for.</param>
        /// <param name="start">First index searched.</param>
        /// <param name="end">One past the last index searched.</param>
        public static int IndexOf(char[] chars, char value, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (chars[i] == value)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The last index in [<paramref name="start"/>, <paramref name="end"/>) holding <paramref name="value"/>; -1 when absent.</summary>
        /// <param name="chars">The characters searched.</param>
        /// <param name="value">The character looked for.</param>
        /// <param name="start">First index searched.</param>
        /// <param name="end">One past the last index searched.</param>
        public static int LastIndexOf(char[] chars, char value, int start, int end)
        {
            for (int i = end - 1; i >= start; i--)
            {
                if (chars[i] == value)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when <paramref name="value"/> occurs in <paramref name="chars"/> at <paramref name="at"/> (which must leave room for it).</summary>
        /// <param name="chars">The characters.</param>
        /// <param name="at">Where the comparison starts.</param>
        /// <param name="value">The sequence compared.</param>
        public static bool MatchesAt(char[] chars, int at, char[] value)
        {
            int n = value.Length;
            for (int i = 0; i < n; i++)
            {
                if (chars[at + i] != value[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
