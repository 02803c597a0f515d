using DeviceAuth.Encoding;

namespace DeviceAuth.Tests.Encoding
{
    /// <summary>
    /// Character searches for the tests that read the string once with ToCharArray: on the device,
    /// <c>s[i]</c> and <c>IndexOf</c> re-count a string from its start on every call, and count
    /// positions wrongly after a supplementary character (the API gate rejects them in this assembly too).
    /// </summary>
    public static class TextOf
    {
        /// <summary>First index of <paramref name="c"/> in <paramref name="s"/> at or after <paramref name="start"/>, or -1.</summary>
        public static int IndexOf(string s, char c, int start)
        {
            char[] chars = s.ToCharArray();
            return AsciiText.IndexOf(chars, c, start, chars.Length);
        }

        /// <summary>First index of <paramref name="c"/> in <paramref name="s"/>, or -1.</summary>
        public static int IndexOf(string s, char c)
        {
            return IndexOf(s, c, 0);
        }

        /// <summary>Last index of <paramref name="c"/> in <paramref name="s"/>, or -1.</summary>
        public static int LastIndexOf(string s, char c)
        {
            char[] chars = s.ToCharArray();
            return AsciiText.LastIndexOf(chars, c, 0, chars.Length);
        }

        /// <summary>How many times <paramref name="c"/> occurs in <paramref name="s"/>.</summary>
        public static int Count(string s, char c)
        {
            char[] chars = s.ToCharArray();
            int n = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == c)
                {
                    n++;
                }
            }

            return n;
        }
    }
}
