namespace DeviceAuth.Encoding
{
    /// <summary>
    /// Ordinal ASCII character classes and prefix tests, identical on the device and on .NET (where
    /// <c>string.StartsWith(string)</c> is culture-sensitive and ignores e.g. a soft hyphen).
    /// </summary>
    internal static class AsciiText
    {
        /// <summary>True for ASCII letters and digits (<c>[A-Za-z0-9]</c>).</summary>
        internal static bool IsAlnum(char c)
        {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        }

        /// <summary>True when <paramref name="s"/> begins with <paramref name="prefix"/>, compared char by char.</summary>
        internal static bool StartsWithOrdinal(string s, string prefix)
        {
            int n = prefix.Length;
            if (s.Length < n)
            {
                return false;
            }

            for (int i = 0; i < n; i++)
            {
                if (s[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
