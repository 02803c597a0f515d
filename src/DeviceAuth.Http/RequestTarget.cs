using System;

namespace DeviceAuth.Http
{
    /// <summary>
    /// The path and query an <see cref="HttpSession"/> sends (RFC 3986 origin-form): '/' first, then only
    /// unreserved characters, sub-delimiters, ':', '@', '/', '?' and '%' followed by two hex digits. A CR,
    /// LF, TAB, NUL or other control character, a space, '#', a non-ASCII character or a lone '%' is
    /// refused before any I/O: it could split the request line or reach the server decoded differently.
    /// Percent-encode such characters (<see cref="DeviceAuth.Encoding.PercentEncoding.Encode"/>).
    /// </summary>
    public static class RequestTarget
    {
        /// <summary>Longest path and query accepted, in characters.</summary>
        public const int MaxLength = 8192;

        /// <summary>Throws unless <paramref name="pathAndQuery"/> is an acceptable request target.</summary>
        /// <param name="pathAndQuery">The path and optional query.</param>
        /// <exception cref="ArgumentException">It is empty, longer than <see cref="MaxLength"/>, does not start with '/', or holds a character outside the set above (the message gives its index, never the text).</exception>
        public static void Validate(string pathAndQuery)
        {
            char[] chars = pathAndQuery == null ? null : pathAndQuery.ToCharArray();
            if (chars == null || chars.Length == 0 || chars.Length > MaxLength)
            {
                throw new ArgumentException("The path must be 1-8192 characters.", "pathAndQuery");
            }

            if (chars[0] != '/')
            {
                throw new ArgumentException("The path must start with '/'.", "pathAndQuery");
            }

            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == '%')
                {
                    if (i + 2 >= chars.Length || !IsHex(chars[i + 1]) || !IsHex(chars[i + 2]))
                    {
                        throw new ArgumentException("The path has a '%' not followed by two hex digits at index " + i.ToString() + ".", "pathAndQuery");
                    }

                    i += 2;
                }
                else if (!IsAllowed(c))
                {
                    throw new ArgumentException("The path has a character that must be percent-encoded (a control character, space, '#', non-ASCII, or one of \\\"<>^`{|}) at index " + i.ToString() + ".", "pathAndQuery");
                }
            }
        }

        private static bool IsAllowed(char c)
        {
            if (DeviceAuth.Encoding.AsciiText.IsAlnum(c))
            {
                return true;
            }

            switch (c)
            {
                case '-': case '.': case '_': case '~':                                   // unreserved
                case '!': case '$': case '&': case '\'': case '(': case ')':             // sub-delims
                case '*': case '+': case ',': case ';': case '=':
                case ':': case '@': case '/': case '?':                                   // pchar, query
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsHex(char c)
        {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
    }
}
