using System;

namespace DeviceAuth.Http
{
    /// <summary>Parses an HTTP <c>Retry-After</c> value (RFC 9110 section 10.2.3): delay-seconds or an IMF-fixdate.</summary>
    public static class RetryAfter
    {
        private static readonly string[] Months = new string[] { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        /// <summary>The wait a <c>Retry-After</c> value asks for, in milliseconds, or -1 when the value is absent or malformed. A date in the past gives 0.</summary>
        /// <param name="value">The header value, e.g. "120" or "Sun, 06 Nov 1994 08:49:37 GMT".</param>
        /// <param name="nowUtc">The current time, for the date form.</param>
        public static long ParseMilliseconds(string value, DateTime nowUtc)
        {
            if (value == null)
            {
                return -1;
            }

            string v = value.Trim();
            char[] chars = v.ToCharArray();
            if (chars.Length == 0)
            {
                return -1;
            }

            if (IsDigits(chars, 0, chars.Length))
            {
                if (chars.Length > 9)
                {
                    return -1;
                }

                return long.Parse(v) * 1000;
            }

            DateTime at;
            if (!TryParseImfFixdate(chars, out at))
            {
                return -1;
            }

            long ms = (at.Ticks - nowUtc.Ticks) / TimeSpan.TicksPerMillisecond;
            return ms < 0 ? 0 : ms;
        }

        /// <summary>Parses "Sun, 06 Nov 1994 08:49:37 GMT" (the only date form senders may generate).</summary>
        /// <param name="value">The text.</param>
        /// <param name="result">The instant, UTC.</param>
        public static bool TryParseImfFixdate(string value, out DateTime result)
        {
            if (value == null)
            {
                result = DateTime.MinValue;
                return false;
            }

            return TryParseImfFixdate(value.ToCharArray(), out result);
        }

        private static bool TryParseImfFixdate(char[] value, out DateTime result)
        {
            result = DateTime.MinValue;

            // "Sun, 06 Nov 1994 08:49:37 GMT": fixed positions, 29 characters.
            if (value.Length != 29 || value[3] != ',' || value[4] != ' ' || value[7] != ' ' || value[11] != ' '
                || value[16] != ' ' || value[19] != ':' || value[22] != ':' || value[25] != ' ' || value[26] != 'G' || value[27] != 'M' || value[28] != 'T')
            {
                return false;
            }

            if (!IsDigits(value, 5, 2) || !IsDigits(value, 12, 4) || !IsDigits(value, 17, 2) || !IsDigits(value, 20, 2) || !IsDigits(value, 23, 2))
            {
                return false;
            }

            string monthName = new string(value, 8, 3);
            int month = 0;
            for (int i = 0; i < Months.Length; i++)
            {
                if (Months[i] == monthName)
                {
                    month = i + 1;
                }
            }

            int day = Number(value, 5, 2);
            int year = Number(value, 12, 4);
            int hour = Number(value, 17, 2);
            int minute = Number(value, 20, 2);
            int second = Number(value, 23, 2);
            if (month == 0 || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
            {
                return false;
            }

            result = new DateTime(new DateTime(year, month, day, hour, minute, second > 59 ? 59 : second).Ticks, DateTimeKind.Utc);
            return true;
        }

        private static bool IsDigits(char[] s, int start, int count)
        {
            for (int i = start; i < start + count; i++)
            {
                if (s[i] < '0' || s[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static int Number(char[] s, int start, int count)
        {
            int n = 0;
            for (int i = start; i < start + count; i++)
            {
                n = n * 10 + (s[i] - '0');
            }

            return n;
        }
    }
}
