using System;
using System.Collections;

namespace DeviceAuth.Credentials
{
    /// <summary>
    /// What an HTTP request must carry to be authorized: header name/value pairs and query
    /// parameters (names and values kept raw here; <see cref="ToQueryString"/> percent-encodes them
    /// once). Produced by an <see cref="IHttpAuthorization"/>, applied by the HTTP session.
    /// </summary>
    public sealed class HttpAuthorizationParts
    {
        private readonly ArrayList _headerNames = new ArrayList();
        private readonly ArrayList _headerValues = new ArrayList();
        private readonly ArrayList _queryNames = new ArrayList();
        private readonly ArrayList _queryValues = new ArrayList();

        /// <summary>Number of headers.</summary>
        public int HeaderCount
        {
            get { return _headerNames.Count; }
        }

        /// <summary>Number of query parameters.</summary>
        public int QueryParameterCount
        {
            get { return _queryNames.Count; }
        }

        /// <summary>Adds a header.</summary>
        /// <param name="name">Header name.</param>
        /// <param name="value">Header value (not encoded).</param>
        public void AddHeader(string name, string value)
        {
            if (name == null || name.Length == 0)
            {
                throw new ArgumentException("A header name must not be empty.", "name");
            }

            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            _headerNames.Add(name);
            _headerValues.Add(value);
        }

        /// <summary>Adds a query parameter.</summary>
        /// <param name="name">Parameter name (raw).</param>
        /// <param name="value">Parameter value (raw; encoded by <see cref="ToQueryString"/>).</param>
        public void AddQueryParameter(string name, string value)
        {
            if (name == null || name.Length == 0)
            {
                throw new ArgumentException("A query parameter name must not be empty.", "name");
            }

            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            _queryNames.Add(name);
            _queryValues.Add(value);
        }

        /// <summary>Name of header <paramref name="index"/>.</summary>
        /// <param name="index">Zero-based index.</param>
        public string GetHeaderName(int index)
        {
            return (string)_headerNames[index];
        }

        /// <summary>Value of header <paramref name="index"/>.</summary>
        /// <param name="index">Zero-based index.</param>
        public string GetHeaderValue(int index)
        {
            return (string)_headerValues[index];
        }

        /// <summary>Name of query parameter <paramref name="index"/> (raw).</summary>
        /// <param name="index">Zero-based index.</param>
        public string GetQueryName(int index)
        {
            return (string)_queryNames[index];
        }

        /// <summary>Value of query parameter <paramref name="index"/> (raw).</summary>
        /// <param name="index">Zero-based index.</param>
        public string GetQueryValue(int index)
        {
            return (string)_queryValues[index];
        }

        /// <summary>The query parameters as <c>name=value&amp;...</c>, each part percent-encoded once (RFC 3986); empty when there are none. No leading '?'.</summary>
        public string ToQueryString()
        {
            if (_queryNames.Count == 0)
            {
                return string.Empty;
            }

            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            for (int i = 0; i < _queryNames.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append('&');
                }

                sb.Append(DeviceAuth.Encoding.PercentEncoding.Encode((string)_queryNames[i]));
                sb.Append('=');
                sb.Append(DeviceAuth.Encoding.PercentEncoding.Encode((string)_queryValues[i]));
            }

            return sb.ToString();
        }
    }
}
