using System;
using DeviceAuth.Encoding;

namespace DeviceAuth.Credentials
{
    /// <summary>
    /// Names and documented limits of AWS IoT custom authentication (../shared/CUSTOM-AUTH.md), with
    /// validators that throw <see cref="CredentialFormatException"/> (never quoting a secret).
    /// </summary>
    public static class AwsIotCustomAuth
    {
        /// <summary>Username/query parameter and header carrying the authorizer name.</summary>
        public const string AuthorizerNameKey = "x-amz-customauthorizer-name";

        /// <summary>Username/query parameter and header carrying the token signature.</summary>
        public const string SignatureKey = "x-amz-customauthorizer-signature";

        /// <summary>authorizerName: at most 128 characters.</summary>
        public const int MaxAuthorizerNameLength = 128;

        /// <summary>tokenKeyName: at most 128 characters.</summary>
        public const int MaxTokenKeyNameLength = 128;

        /// <summary>token: at most 6144 characters.</summary>
        public const int MaxTokenLength = 6144;

        /// <summary>tokenSignature: at most 2560 characters.</summary>
        public const int MaxTokenSignatureLength = 2560;

        /// <summary>MQTT username: at most 65535 UTF-8 bytes.</summary>
        public const int MaxMqttUsernameBytes = 65535;

        /// <summary>MQTT password: 1 to 65535 bytes.</summary>
        public const int MaxMqttPasswordBytes = 65535;

        /// <summary>MQTT client id: at most 128 UTF-8 bytes (AWS IoT Core quota).</summary>
        public const int MaxClientIdBytes = 128;

        /// <summary>HTTP header name: at most 8192 characters.</summary>
        public const int MaxHeaderNameLength = 8192;

        /// <summary>HTTP header value: at most 8192 characters.</summary>
        public const int MaxHeaderValueLength = 8192;

        /// <summary>Query string: at most 4096 characters.</summary>
        public const int MaxQueryStringLength = 4096;

        /// <summary>Checks authorizerName: 1-128 characters of <c>[\w=,@-]</c> (\w = ASCII letters, digits, '_').</summary>
        /// <param name="authorizerName">The name.</param>
        public static void ValidateAuthorizerName(string authorizerName)
        {
            char[] c = authorizerName == null ? null : authorizerName.ToCharArray();
            bool ok = c != null && c.Length > 0 && c.Length <= MaxAuthorizerNameLength;
            for (int i = 0; ok && i < c.Length; i++)
            {
                ok = AsciiText.IsAlnum(c[i]) || c[i] == '_' || c[i] == '=' || c[i] == ',' || c[i] == '@' || c[i] == '-';
            }

            if (!ok)
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidAuthorizerName, "authorizerName must be 1-128 characters of [A-Za-z0-9_=,@-].");
            }
        }

        /// <summary>Checks tokenKeyName: 1-128 characters of <c>[a-zA-Z0-9_-]</c>.</summary>
        /// <param name="tokenKeyName">The name.</param>
        public static void ValidateTokenKeyName(string tokenKeyName)
        {
            char[] c = tokenKeyName == null ? null : tokenKeyName.ToCharArray();
            bool ok = c != null && c.Length > 0 && c.Length <= MaxTokenKeyNameLength;
            for (int i = 0; ok && i < c.Length; i++)
            {
                ok = AsciiText.IsAlnum(c[i]) || c[i] == '_' || c[i] == '-';
            }

            if (!ok)
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidTokenKeyName, "tokenKeyName must be 1-128 characters of [a-zA-Z0-9_-].");
            }

            if (EqualsIgnoreAsciiCase(c, AuthorizerNameKey) || EqualsIgnoreAsciiCase(c, SignatureKey))
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidTokenKeyName, "tokenKeyName must differ from the x-amz-customauthorizer-* names.");
            }
        }

        /// <summary>Checks a token's length: 1-6144 characters, and no unpaired surrogate.</summary>
        /// <param name="token">The token.</param>
        public static void ValidateToken(string token)
        {
            ValidateToken(token == null ? null : token.ToCharArray());
        }

        /// <summary>Checks a token's characters: 1-6144, and no unpaired surrogate.</summary>
        internal static void ValidateToken(char[] c)
        {
            int length = c == null ? 0 : c.Length;
            if (length == 0 || length > MaxTokenLength)
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidTokenLength, "The token must be 1-6144 characters (it has " + length.ToString() + ").");
            }

            if (Utf8Length(c, 0, length) < 0)
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidTokenCharacters, "The token contains an unpaired surrogate and has no UTF-8 form.");
            }
        }

        /// <summary>
        /// Checks tokenSignature: 1-2560 characters matching <c>[A-Za-z0-9+/]+={0,2}</c> with a length
        /// that is a multiple of 4 (padded standard Base64). Rejects base64url ('-', '_'), unpadded
        /// base64url converted naively, and percent-encoded signatures (which would be encoded twice).
        /// </summary>
        /// <param name="tokenSignature">The signature.</param>
        public static void ValidateTokenSignature(string tokenSignature)
        {
            ValidateTokenSignature(tokenSignature == null ? null : tokenSignature.ToCharArray());
        }

        /// <summary>Checks tokenSignature's characters (see <see cref="ValidateTokenSignature(string)"/>).</summary>
        internal static void ValidateTokenSignature(char[] tokenSignature)
        {
            if (!IsStandardBase64(tokenSignature, MaxTokenSignatureLength))
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidTokenSignature, "tokenSignature must be padded standard Base64 ([A-Za-z0-9+/]+={0,2}, length a multiple of 4, at most 2560 characters).");
            }
        }

        /// <summary>Checks an MQTT client id: 1-128 UTF-8 bytes, no control character (U+0000-U+001F, U+007F-U+009F).</summary>
        /// <param name="clientId">The client id.</param>
        public static void ValidateClientId(string clientId)
        {
            // The characters are read once: the device re-counts a string on every access.
            char[] chars = clientId == null ? null : clientId.ToCharArray();
            int bytes = chars == null ? -1 : Utf8Length(chars, 0, chars.Length);
            if (bytes <= 0 || bytes > MaxClientIdBytes)
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidClientId, "The MQTT client id must be 1-128 UTF-8 bytes.");
            }

            int at = IndexOfControl(chars);
            if (at >= 0)
            {
                // MQTT forbids U+0000 in a string ([MQTT-1.5.3-2]: the server closes the connection without a CONNACK,
                // so the device would retry forever) and advises against the other controls ([MQTT-1.5.3-3]).
                throw new CredentialFormatException(CredentialFormatReason.InvalidClientId, "The MQTT client id must not contain control characters (U+0000-U+001F, U+007F-U+009F); one is at index " + at.ToString() + ".");
            }
        }

        /// <summary>Index of the first control character (U+0000-U+001F, U+007F-U+009F) of <paramref name="s"/>, or -1.</summary>
        /// <param name="s">The text.</param>
        public static int IndexOfControl(string s)
        {
            if (s == null)
            {
                throw new ArgumentNullException("s");
            }

            return IndexOfControl(s.ToCharArray());
        }

        /// <summary>Index of the first control character (U+0000-U+001F, U+007F-U+009F) in <paramref name="chars"/>, or -1.</summary>
        /// <param name="chars">The characters, read once by the caller.</param>
        internal static int IndexOfControl(char[] chars)
        {
            for (int i = 0; i < chars.Length; i++)
            {
                if (IsControl(chars[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True for the C0 and C1 control characters and DEL (U+0000-U+001F, U+007F-U+009F).</summary>
        /// <param name="c">The character.</param>
        internal static bool IsControl(char c)
        {
            return c < ' ' || (c >= (char)0x7F && c <= (char)0x9F);
        }

        /// <summary>True when <paramref name="name"/> is an HTTP header name (RFC 9110 token) of at most 8192 characters.</summary>
        /// <param name="name">The candidate.</param>
        public static bool IsHeaderName(string name)
        {
            char[] c = name == null ? null : name.ToCharArray();
            if (c == null || c.Length == 0 || c.Length > MaxHeaderNameLength)
            {
                return false;
            }

            for (int i = 0; i < c.Length; i++)
            {
                if (!IsTokenChar(c[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when <paramref name="value"/> is at most 8192 characters of visible ASCII, space and tab, without leading or trailing whitespace.</summary>
        /// <param name="value">The candidate.</param>
        public static bool IsHeaderValue(string value)
        {
            return IsHeaderValue(value == null ? null : value.ToCharArray());
        }

        /// <summary>The characters of an HTTP header value, read once by the caller (see <see cref="IsHeaderValue(string)"/>).</summary>
        /// <param name="c">The characters.</param>
        internal static bool IsHeaderValue(char[] c)
        {
            if (c == null || c.Length > MaxHeaderValueLength)
            {
                return false;
            }

            int length = c.Length;
            for (int i = 0; i < length; i++)
            {
                if (!((c[i] >= ' ' && c[i] <= '~') || c[i] == '\t'))
                {
                    return false;
                }
            }

            return length == 0 || (c[0] != ' ' && c[0] != '\t' && c[length - 1] != ' ' && c[length - 1] != '\t');
        }

        /// <summary>Number of UTF-8 bytes of <paramref name="s"/>, or -1 when it holds an unpaired surrogate.</summary>
        /// <param name="s">The string.</param>
        public static int Utf8Length(string s)
        {
            if (s == null)
            {
                throw new ArgumentNullException("s");
            }

            char[] c = s.ToCharArray();
            return Utf8Length(c, 0, c.Length);
        }

        /// <summary>Number of UTF-8 bytes of <paramref name="count"/> chars of <paramref name="chars"/> from <paramref name="offset"/>, or -1 when they hold an unpaired surrogate.</summary>
        /// <param name="chars">The characters (UTF-16).</param>
        /// <param name="offset">First char.</param>
        /// <param name="count">Number of chars.</param>
        public static int Utf8Length(char[] chars, int offset, int count)
        {
            if (chars == null)
            {
                throw new ArgumentNullException("chars");
            }

            if (offset < 0 || count < 0 || offset > chars.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset", "offset and count must describe a range inside chars.");
            }

            int end = offset + count;
            int bytes = 0;
            for (int i = offset; i < end; i++)
            {
                char c = chars[i];
                if (c < 0x80)
                {
                    bytes++;
                }
                else if (c < 0x800)
                {
                    bytes += 2;
                }
                else if (c < 0xD800 || c > 0xDFFF)
                {
                    bytes += 3;
                }
                else if (c <= 0xDBFF && i + 1 < end && chars[i + 1] >= 0xDC00 && chars[i + 1] <= 0xDFFF)
                {
                    bytes += 4;
                    i++;
                }
                else
                {
                    return -1;
                }
            }

            return bytes;
        }

        internal static bool IsStandardBase64(char[] c, int maxLength)
        {
            int length = c == null ? 0 : c.Length;
            if (length == 0 || length > maxLength || (length & 3) != 0)
            {
                return false;
            }

            int pad = 0;
            if (c[length - 1] == '=')
            {
                pad = c[length - 2] == '=' ? 2 : 1;
            }

            if (pad == length)
            {
                return false;
            }

            for (int i = 0; i < length - pad; i++)
            {
                if (!(AsciiText.IsAlnum(c[i]) || c[i] == '+' || c[i] == '/'))
                {
                    return false;
                }
            }

            return true;
        }

        internal static bool EqualsIgnoreAsciiCase(string a, string b)
        {
            return EqualsIgnoreAsciiCase(a.ToCharArray(), b);
        }

        internal static bool EqualsIgnoreAsciiCase(char[] a, string b)
        {
            char[] other = b.ToCharArray();
            if (a.Length != other.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (LowerAscii(a[i]) != LowerAscii(other[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsTokenChar(char c)
        {
            return AsciiText.IsAlnum(c) || c == '!' || c == '#' || c == '$' || c == '%' || c == '&' || c == '\'' || c == '*'
                || c == '+' || c == '-' || c == '.' || c == '^' || c == '_' || c == '`' || c == '|' || c == '~';
        }

        internal static char LowerAscii(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
    }
}
