using System;
using DeviceAuth.Json;
using DeviceAuth.Tokens;

namespace DeviceAuth.Http
{
    /// <summary>
    /// Parses a token service's answer: a JSON object with <c>token</c> (string, 1-6144 characters),
    /// <c>tokenSignature</c> (string or null/absent) and <c>expiresAt</c> (Unix seconds as a number, or an
    /// RFC 3339 UTC string such as "2026-03-01T09:00:00Z"). Other members are ignored; a repeated member
    /// is an error. Messages never quote the input.
    /// </summary>
    public static class VendedTokenResponse
    {
        /// <summary>Longest token accepted (the AWS IoT custom-authorizer limit).</summary>
        public const int MaxTokenLength = 6144;

        private const long MaxUnixSeconds = 253402300799L;

        /// <summary>Parses <paramref name="json"/> into a token issued at <paramref name="nowUtc"/>.</summary>
        /// <param name="json">The response body.</param>
        /// <param name="nowUtc">The current time (becomes <see cref="AuthToken.IssuedAt"/>).</param>
        /// <exception cref="FormatException">Not the expected shape, or already expired.</exception>
        public static AuthToken Parse(string json, DateTime nowUtc)
        {
            if (json == null)
            {
                throw new ArgumentNullException("json");
            }

            JsonReader reader = new JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException("The token service answer is not a JSON object.");
            }

            string token = null;
            string signature = null;
            bool haveSignature = false;
            bool haveExpiry = false;
            DateTime expiresAt = DateTime.MinValue;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString();
                if (!reader.Read())
                {
                    throw new FormatException("The token service answer ended early.");
                }

                if (name == "token")
                {
                    if (token != null || reader.TokenType != JsonTokenType.String)
                    {
                        throw new FormatException("'token' must appear once, as a string.");
                    }

                    token = reader.GetString();
                }
                else if (name == "tokenSignature")
                {
                    if (haveSignature || (reader.TokenType != JsonTokenType.String && reader.TokenType != JsonTokenType.Null))
                    {
                        throw new FormatException("'tokenSignature' must appear at most once, as a string or null.");
                    }

                    haveSignature = true;
                    signature = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (name == "expiresAt")
                {
                    if (haveExpiry)
                    {
                        throw new FormatException("'expiresAt' must appear once.");
                    }

                    haveExpiry = true;
                    if (reader.TokenType == JsonTokenType.Number)
                    {
                        long seconds = reader.GetInt64();
                        if (seconds < 0 || seconds > MaxUnixSeconds)
                        {
                            // Typically milliseconds where seconds are expected.
                            throw new FormatException("'expiresAt' is out of range: it must be Unix seconds (0-253402300799), not milliseconds.");
                        }

                        expiresAt = UnixTime.FromSeconds(seconds);
                    }
                    else if (reader.TokenType == JsonTokenType.String)
                    {
                        expiresAt = ParseUtc(reader.GetString());
                    }
                    else
                    {
                        throw new FormatException("'expiresAt' must be Unix seconds or an RFC 3339 UTC time.");
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw new FormatException("The token service answer is not a flat JSON object.");
            }

            while (reader.Read())
            {
            }

            if (token == null || token.Length == 0 || token.Length > MaxTokenLength)
            {
                throw new FormatException("'token' is missing, empty or longer than 6144 characters.");
            }

            if (signature != null && signature.Length == 0)
            {
                signature = null;
            }

            if (!haveExpiry)
            {
                throw new FormatException("'expiresAt' is missing.");
            }

            if (expiresAt <= nowUtc)
            {
                throw new FormatException("The vended token is already expired.");
            }

            return new AuthToken(token, signature, nowUtc, expiresAt);
        }

        /// <summary>Parses "YYYY-MM-DDTHH:MM:SS[.fraction]Z" (RFC 3339, UTC only).</summary>
        /// <param name="text">The text.</param>
        public static DateTime ParseUtc(string text)
        {
            char[] t = text == null ? null : text.ToCharArray();
            int length = t == null ? 0 : t.Length;
            if (length < 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != 't') || t[13] != ':' || t[16] != ':'
                || (t[length - 1] != 'Z' && t[length - 1] != 'z'))
            {
                throw new FormatException("'expiresAt' is not an RFC 3339 UTC time.");
            }

            int year = Digits(t, 0, 4);
            int month = Digits(t, 5, 2);
            int day = Digits(t, 8, 2);
            int hour = Digits(t, 11, 2);
            int minute = Digits(t, 14, 2);
            int second = Digits(t, 17, 2);
            long fractionTicks = 0;
            if (length > 20)
            {
                if (t[19] != '.' || length == 21)
                {
                    throw new FormatException("'expiresAt' is not an RFC 3339 UTC time.");
                }

                long scale = TimeSpan.TicksPerSecond;
                for (int i = 20; i < length - 1; i++)
                {
                    scale /= 10;
                    fractionTicks += Digits(t, i, 1) * scale;
                }
            }

            if (year < 1970 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            {
                throw new FormatException("'expiresAt' is not a valid time.");
            }

            return new DateTime(new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks, DateTimeKind.Utc);
        }

        private static int Digits(char[] s, int start, int count)
        {
            int n = 0;
            for (int i = start; i < start + count; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    throw new FormatException("'expiresAt' is not an RFC 3339 UTC time.");
                }

                n = n * 10 + (c - '0');
            }

            return n;
        }
    }
}
