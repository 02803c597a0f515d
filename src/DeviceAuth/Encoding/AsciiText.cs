namespace DeviceAuth.Encoding
{
    /// <summary>
    /// Ordinal (char-by-char) string tests that behave the same on the device and on .NET. On .NET,
    /// <c>string.StartsWith(string)</c>, <c>EndsWith(string)</c> and <c>IndexOf(string)</c> are
    /// culture-sensitive (they ignore e.g. a soft hyphen); on the device they are ordinal. The API gate
    /// rejects those members in device code, so the same source accepts the same inputs on both builds.
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
            return s.Length >= prefix.Length && MatchesAt(s, prefix, 0);
        }

        /// <summary>True when <paramref name="s"/> ends with <paramref name="suffix"/>, compared char by char.</summary>
        /// <param name="s">The string tested.</param>
        /// <param name="suffix">The suffix.</param>
        public static bool EndsWithOrdinal(string s, string suffix)
        {
            return s.Length >= suffix.Length && MatchesAt(s, suffix, s.Length - suffix.Length);
        }

        /// <summary>The first index at or after <paramref name="startIndex"/> where <paramref name="value"/> occurs in <paramref name="s"/>, compared char by char; -1 when absent.</summary>
        /// <param name="s">The string searched.</param>
        /// <param name="value">The non-empty string looked for.</param>
        /// <param name="startIndex">Where the search starts.</param>
        public static int IndexOfOrdinal(string s, string value, int startIndex)
        {
            int last = s.Length - value.Length;
            for (int i = startIndex; i <= last; i++)
            {
                if (s[i] == value[0] && MatchesAt(s, value, i))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The first index where <paramref name="value"/> occurs in <paramref name="s"/>, compared char by char; -1 when absent.</summary>
        /// <param name="s">The string searched.</param>
        /// <param name="value">The non-empty string looked for.</param>
        public static int IndexOfOrdinal(string s, string value)
        {
            return IndexOfOrdinal(s, value, 0);
        }

        private static bool MatchesAt(string s, string value, int at)
        {
            int n = value.Length;
            for (int i = 0; i < n; i++)
            {
                if (s[at + i] != value[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
