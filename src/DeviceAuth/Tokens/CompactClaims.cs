using System;
using System.Text;
using DeviceAuth.Encoding;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// The compact claim string of device-minted tokens (docs/token-formats.md):
    /// <c>&lt;format&gt;.&lt;deviceId&gt;.&lt;iat&gt;.&lt;exp&gt;.&lt;nonce&gt;</c>, where format is
    /// <c>ds1</c> (device-signed: the string is the token, signed with RSA into tokenSignature) or
    /// <c>hm1</c> (HMAC: the token is the string, a '.', and its base64url HMAC-SHA256).
    /// deviceId is 1-128 of <c>[A-Za-z0-9:_-]</c> (the AWS IoT thing-name alphabet, so it never
    /// contains the '.' separator); iat and exp are Unix seconds in canonical decimal; nonce is 8-64
    /// base64url characters. Every character is an RFC 3986 unreserved character or ':', so the
    /// string needs no escaping in a header and survives percent-encoding unchanged except ':'.
    /// </summary>
    public sealed class CompactClaims
    {
        /// <summary>Format tag of device-signed (RSA) claim strings.</summary>
        public const string DeviceSignedFormat = "ds1";

        /// <summary>Format tag of HMAC tokens.</summary>
        public const string HmacFormat = "hm1";

        /// <summary>Longest device id (the AWS IoT thing-name limit).</summary>
        public const int MaxDeviceIdLength = 128;

        /// <summary>Shortest nonce accepted by <see cref="Parse"/>.</summary>
        public const int MinNonceLength = 8;

        /// <summary>Longest nonce accepted by <see cref="Parse"/>.</summary>
        public const int MaxNonceLength = 64;

        private const int MaxDigits = 12;

        private CompactClaims(string format, string deviceId, long issuedAt, long expiresAt, string nonce)
        {
            Format = format;
            DeviceId = deviceId;
            IssuedAtSeconds = issuedAt;
            ExpiresAtSeconds = expiresAt;
            Nonce = nonce;
        }

        /// <summary>The format tag (<see cref="DeviceSignedFormat"/> or <see cref="HmacFormat"/>).</summary>
        public string Format { get; }

        /// <summary>The device id.</summary>
        public string DeviceId { get; }

        /// <summary>Issued-at, Unix seconds.</summary>
        public long IssuedAtSeconds { get; }

        /// <summary>Expiry, Unix seconds (exclusive: the token is valid while now &lt; exp).</summary>
        public long ExpiresAtSeconds { get; }

        /// <summary>The nonce (base64url characters).</summary>
        public string Nonce { get; }

        /// <summary>True when <paramref name="deviceId"/> is 1-128 characters of <c>[A-Za-z0-9:_-]</c>.</summary>
        /// <param name="deviceId">The candidate.</param>
        public static bool IsValidDeviceId(string deviceId)
        {
            char[] chars = deviceId == null ? null : deviceId.ToCharArray();
            if (chars == null || chars.Length == 0 || chars.Length > MaxDeviceIdLength)
            {
                return false;
            }

            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (!(AsciiText.IsAlnum(c) || c == ':' || c == '_' || c == '-'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Builds the claim string <c>format.deviceId.iat.exp.nonce</c>.</summary>
        /// <param name="format"><see cref="DeviceSignedFormat"/> or <see cref="HmacFormat"/>.</param>
        /// <param name="deviceId">The device id (see <see cref="IsValidDeviceId"/>).</param>
        /// <param name="issuedAtSeconds">Issued-at, Unix seconds (non-negative).</param>
        /// <param name="expiresAtSeconds">Expiry, Unix seconds (greater than issued-at).</param>
        /// <param name="nonce">8-64 base64url characters.</param>
        public static string Build(string format, string deviceId, long issuedAtSeconds, long expiresAtSeconds, string nonce)
        {
            if (format != DeviceSignedFormat && format != HmacFormat)
            {
                throw new ArgumentException("Unknown claim-string format.", "format");
            }

            if (!IsValidDeviceId(deviceId))
            {
                throw new ArgumentException("A device id must be 1-128 characters of [A-Za-z0-9:_-].", "deviceId");
            }

            if (issuedAtSeconds < 0 || expiresAtSeconds <= issuedAtSeconds || expiresAtSeconds > 999999999999L)
            {
                throw new ArgumentOutOfRangeException("expiresAtSeconds", "Times must satisfy 0 <= iat < exp <= 999999999999.");
            }

            if (!IsValidNonce(nonce))
            {
                throw new ArgumentException("A nonce must be 8-64 base64url characters.", "nonce");
            }

            StringBuilder sb = new StringBuilder(format.Length + deviceId.Length + nonce.Length + 28);
            sb.Append(format);
            sb.Append('.');
            sb.Append(deviceId);
            sb.Append('.');
            sb.Append(issuedAtSeconds);
            sb.Append('.');
            sb.Append(expiresAtSeconds);
            sb.Append('.');
            sb.Append(nonce);
            return sb.ToString();
        }

        /// <summary>
        /// Parses a claim string strictly (exactly five fields, canonical numbers, iat &lt; exp).
        /// For an HMAC token pass only the part before its last '.', or use <see cref="HmacToken.Verify(string, DeviceAuth.Crypto.ISigner, DateTime, int, int)"/>.
        /// </summary>
        /// <param name="claims">The claim string.</param>
        /// <returns>The claims, or null when the string is not a well-formed claim string.</returns>
        public static CompactClaims TryParse(string claims)
        {
            if (claims == null)
            {
                return null;
            }

            char[] chars = claims.ToCharArray();
            return TryParse(chars, 0, chars.Length);
        }

        /// <summary>Parses a claim string strictly; see <see cref="TryParse(string)"/>.</summary>
        /// <param name="claims">The claim string.</param>
        /// <exception cref="FormatException">The string is not a well-formed claim string (the message does not quote it).</exception>
        public static CompactClaims Parse(string claims)
        {
            CompactClaims parsed = TryParse(claims);
            if (parsed == null)
            {
                throw new FormatException("Not a well-formed compact claim string (format.deviceId.iat.exp.nonce).");
            }

            return parsed;
        }

        /// <summary>
        /// Checks the time claims at <paramref name="now"/>: not expired (now &lt; exp), not issued in the
        /// future beyond <paramref name="allowedClockSkewSeconds"/>, lifetime (exp - iat) not above
        /// <paramref name="maxLifetimeSeconds"/>.
        /// </summary>
        /// <param name="now">The verifier's time (UTC).</param>
        /// <param name="maxLifetimeSeconds">Longest lifetime the verifier accepts.</param>
        /// <param name="allowedClockSkewSeconds">Tolerated difference between the device's and the verifier's clocks.</param>
        public TokenVerificationStatus CheckTimes(DateTime now, int maxLifetimeSeconds, int allowedClockSkewSeconds)
        {
            if (maxLifetimeSeconds <= 0)
            {
                throw new ArgumentOutOfRangeException("maxLifetimeSeconds", "maxLifetimeSeconds must be positive.");
            }

            if (allowedClockSkewSeconds < 0)
            {
                throw new ArgumentOutOfRangeException("allowedClockSkewSeconds", "allowedClockSkewSeconds must not be negative.");
            }

            long t = UnixTime.ToSeconds(now);
            if (ExpiresAtSeconds - IssuedAtSeconds > maxLifetimeSeconds)
            {
                return TokenVerificationStatus.LifetimeTooLong;
            }

            if (t >= ExpiresAtSeconds + allowedClockSkewSeconds)
            {
                return TokenVerificationStatus.Expired;
            }

            if (IssuedAtSeconds > t + allowedClockSkewSeconds)
            {
                return TokenVerificationStatus.NotYetValid;
            }

            return TokenVerificationStatus.Valid;
        }

        internal static CompactClaims TryParse(char[] s, int start, int end)
        {
            // Five fields separated by exactly four dots.
            int d1 = IndexOfDot(s, start, end);
            int d2 = d1 < 0 ? -1 : IndexOfDot(s, d1 + 1, end);
            int d3 = d2 < 0 ? -1 : IndexOfDot(s, d2 + 1, end);
            int d4 = d3 < 0 ? -1 : IndexOfDot(s, d3 + 1, end);
            if (d4 < 0 || IndexOfDot(s, d4 + 1, end) >= 0)
            {
                return null;
            }

            string format = new string(s, start, d1 - start);
            if (format != DeviceSignedFormat && format != HmacFormat)
            {
                return null;
            }

            string deviceId = new string(s, d1 + 1, d2 - d1 - 1);
            if (!IsValidDeviceId(deviceId))
            {
                return null;
            }

            long iat = ParseCanonical(s, d2 + 1, d3);
            long exp = ParseCanonical(s, d3 + 1, d4);
            if (iat < 0 || exp < 0 || exp <= iat)
            {
                return null;
            }

            string nonce = new string(s, d4 + 1, end - d4 - 1);
            if (!IsValidNonce(nonce))
            {
                return null;
            }

            return new CompactClaims(format, deviceId, iat, exp, nonce);
        }

        internal static bool IsValidNonce(string nonce)
        {
            char[] chars = nonce == null ? null : nonce.ToCharArray();
            if (chars == null || chars.Length < MinNonceLength || chars.Length > MaxNonceLength)
            {
                return false;
            }

            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (!(AsciiText.IsAlnum(c) || c == '-' || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        private static int IndexOfDot(char[] s, int from, int end)
        {
            for (int i = from; i < end; i++)
            {
                if (s[i] == '.')
                {
                    return i;
                }
            }

            return -1;
        }

        // Canonical non-negative decimal: "0" or no leading zero, at most 12 digits; -1 when not.
        private static long ParseCanonical(char[] s, int start, int end)
        {
            int length = end - start;
            if (length <= 0 || length > MaxDigits || (length > 1 && s[start] == '0'))
            {
                return -1;
            }

            long value = 0;
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = value * 10 + (c - '0');
            }

            return value;
        }
    }
}
