using System;

namespace DeviceAuth.Http
{
    /// <summary>Parses an HTTP <c>Retry-After</c> value (RFC 9110 section 10.2.3): delay-seconds or an IMF-fixdate.</summary>
    public static class RetryAfter
    {
        private const int Malformed = 0;
        private const int DeltaSeconds = 1;
        private const int HttpDate = 2;

        private static readonly string[] Months = new string[] { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        /// <summary>The wait a <c>Retry-After</c> value asks for, in milliseconds, or -1 when the value is absent or malformed. A date in the past gives 0. A date is measured from <paramref name="nowUtc"/> as given: prefer <see cref="DelayMilliseconds"/>, which does not trust a wrong device clock.</summary>
        /// <param name="value">The header value, e.g. "120" or "Sun, 06 Nov 1994 08:49:37 GMT".</param>
        /// <param name="nowUtc">The current time, for the date form.</param>
        public static long ParseMilliseconds(string value, DateTime nowUtc)
        {
            long seconds;
            DateTime at;
            switch (Read(value, out seconds, out at))
            {
                case DeltaSeconds:
                    return seconds < 0 ? -1 : seconds * 1000;
                case HttpDate:
                    return Until(at, nowUtc);
                default:
                    return -1;
            }
        }

        /// <summary>
        /// The wait a <c>Retry-After</c> value asks for, in milliseconds, judged without trusting the device
        /// clock when it can: an HTTP-date is measured from the response's own <c>Date</c> header (both are
        /// the server's clock); without a readable Date it is measured from <paramref name="deviceNowUtc"/>
        /// only when that clock is plausible (<see cref="DeviceAuth.Tokens.ClockGuard.IsPlausible"/>), else
        /// the date is ignored (-1). Delta-seconds of more than 9 digits read as 999,999,999 s. The caller
        /// caps the result (<see cref="HttpSessionOptions.MaxRetryAfterHoldSeconds"/>).
        /// </summary>
        /// <param name="retryAfter">The Retry-After header value, or null.</param>
        /// <param name="responseDate">The response's Date header value, or null.</param>
        /// <param name="deviceNowUtc">The device's wall clock (UTC), possibly unset or wrong.</param>
        /// <returns>Milliseconds (0 for a date not in the future), or -1 when absent, malformed or not judgeable.</returns>
        public static long DelayMilliseconds(string retryAfter, string responseDate, DateTime deviceNowUtc)
        {
            long seconds;
            DateTime at;
            int kind = Read(retryAfter, out seconds, out at);
            if (kind == DeltaSeconds)
            {
                return seconds < 0 ? 999999999L * 1000 : seconds * 1000;
            }

            if (kind != HttpDate)
            {
                return -1;
            }

            DateTime reference;
            if (responseDate == null || !TryParseImfFixdate(responseDate.Trim().ToCharArray(), out reference))
            {
                if (!DeviceAuth.Tokens.ClockGuard.IsPlausible(deviceNowUtc))
                {
                    return -1;
                }

                reference = deviceNowUtc;
            }

            return Until(at, reference);
        }

        /// <summary>Reads a Retry-After value once: <see cref="DeltaSeconds"/> (digits; more than 9 give seconds -1), <see cref="HttpDate"/>, or <see cref="Malformed"/> (also for null or blank).</summary>
        private static int Read(string value, out long seconds, out DateTime at)
        {
            seconds = -1;
            at = default(DateTime);
            char[] chars = value == null ? null : value.Trim().ToCharArray();
            if (chars == null || chars.Length == 0)
            {
                return Malformed;
            }

            if (IsDigits(chars, 0, chars.Length))
            {
                seconds = chars.Length > 9 ? -1 : Number(chars, 0, chars.Length);
                return DeltaSeconds;
            }

            return TryParseImfFixdate(chars, out at) ? HttpDate : Malformed;
        }

        /// <summary>Milliseconds from <paramref name="from"/> until <paramref name="at"/>; 0 when it has passed.</summary>
        private static long Until(DateTime at, DateTime from)
        {
            long ms = (at.Ticks - from.Ticks) / TimeSpan.TicksPerMillisecond;
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
