using System;
using DeviceAuth.Lifetime;

namespace DeviceAuth.Http
{
    /// <summary>Configuration of an <see cref="HttpSession"/>.</summary>
    public sealed class HttpSessionOptions
    {
        private int _clockSkewSeconds = 60;
        private int _expectedSigningSeconds = 15;
        private int _maxAttempts = 3;
        private int _maxRetryAfterSeconds = 60;
        private BackoffPolicy _backoff = new BackoffPolicy(1000, 2000, 30000);

        /// <summary>Creates options for an endpoint.</summary>
        /// <param name="endpoint">The base address, "https://host" or "https://host:port" (no path, query or fragment); its host is the TLS server name (SNI) the device sends.</param>
        public HttpSessionOptions(string endpoint)
        {
            if (endpoint == null)
            {
                throw new ArgumentNullException("endpoint");
            }

            string e = endpoint;
            if (DeviceAuth.Encoding.AsciiText.EndsWithOrdinal(e, "/"))
            {
                e = e.Substring(0, e.Length - 1);
            }

            int hostStart = DeviceAuth.Encoding.AsciiText.StartsWithOrdinal(e, "https://") ? 8 : (DeviceAuth.Encoding.AsciiText.StartsWithOrdinal(e, "http://") ? 7 : -1);
            if (hostStart < 0)
            {
                throw new ArgumentException("The endpoint must start with https:// (or http:// for tests).", "endpoint");
            }

            char[] a = e.ToCharArray();
            int length = a.Length;
            if (length == hostStart || Has(a, hostStart, '/') || Has(a, hostStart, '?') || Has(a, hostStart, '#') || Has(a, hostStart, '@') || Has(a, hostStart, ' '))
            {
                throw new ArgumentException("The endpoint must be scheme://host[:port] with no path, query, fragment or user info.", "endpoint");
            }

            int colon = DeviceAuth.Encoding.AsciiText.IndexOf(a, ':', hostStart, length);
            int hostLength = (colon < 0 ? length : colon) - hostStart;
            if (hostLength == 0 || hostLength > 253)
            {
                throw new ArgumentException("The endpoint host must be 1-253 characters.", "endpoint");
            }

            string host = new string(a, hostStart, hostLength);
            if (colon >= 0)
            {
                int port;
                int portLength = length - colon - 1;
                if (portLength == 0 || portLength > 5 || !int.TryParse(new string(a, colon + 1, portLength), out port) || port < 1 || port > 65535)
                {
                    throw new ArgumentException("The endpoint port must be 1-65535.", "endpoint");
                }
            }

            Endpoint = e;
            Host = host;
        }

        /// <summary>The base address without a trailing slash.</summary>
        public string Endpoint { get; }

        /// <summary>The endpoint's host name (the TLS SNI).</summary>
        public string Host { get; }

        /// <summary>How far the device clock may be off the service's, in seconds (0-3600; default 60).</summary>
        public int ClockSkewSeconds
        {
            get { return _clockSkewSeconds; }
            set { _clockSkewSeconds = SettingRange.Check(value, 0, 3600, "ClockSkewSeconds"); }
        }

        /// <summary>How long minting a token may take, in seconds (0-600; default 15).</summary>
        public int ExpectedSigningSeconds
        {
            get { return _expectedSigningSeconds; }
            set { _expectedSigningSeconds = SettingRange.Check(value, 0, 600, "ExpectedSigningSeconds"); }
        }

        /// <summary>Attempts per request for retryable outcomes (429, 5xx, network errors), 1-10 (default 3). The single retry after a 401/403 renewal is extra.</summary>
        public int MaxAttempts
        {
            get { return _maxAttempts; }
            set { _maxAttempts = SettingRange.Check(value, 1, 10, "MaxAttempts"); }
        }

        /// <summary>Longest Retry-After the session waits inside a request, in seconds (0-3600; default 60); a longer one returns the response to the caller and holds later requests until then.</summary>
        public int MaxRetryAfterSeconds
        {
            get { return _maxRetryAfterSeconds; }
            set { _maxRetryAfterSeconds = SettingRange.Check(value, 0, 3600, "MaxRetryAfterSeconds"); }
        }

        /// <summary>Backoff between attempts when the server gives no Retry-After (default 1 s floor, 2 s base, 30 s cap).</summary>
        public BackoffPolicy Backoff
        {
            get { return _backoff; }
            set
            {
                if (value == null)
                {
                    throw new ArgumentNullException("value");
                }

                _backoff = value;
            }
        }

        /// <summary>A token is renewed, before the request that would carry it, once it has less than this many seconds left: clock skew + twice the signing time + 30 s.</summary>
        public int RenewBeforeExpirySeconds
        {
            get { return _clockSkewSeconds + 2 * _expectedSigningSeconds + 30; }
        }

        private static bool Has(char[] chars, int from, char c)
        {
            return DeviceAuth.Encoding.AsciiText.IndexOf(chars, c, from, chars.Length) >= 0;
        }
    }
}
