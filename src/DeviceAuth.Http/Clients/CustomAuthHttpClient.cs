using System;
using System.Net.Http;
using System.Text;
using DeviceAuth.Credentials;
using DeviceAuth.Encoding;
using DeviceAuth.Endpoints;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Http
{
    /// <summary>AWS IoT HTTPS publish (<c>POST /topics/...</c>) with custom-authorizer credentials over one kept-alive connection: create it from <see cref="CustomAuthHttpOptions"/>, then <see cref="Publish"/>.</summary>
    /// <remarks>The parts it composes stay reachable through <see cref="AuthorizedHttpClient"/>'s properties.</remarks>
    public sealed class CustomAuthHttpClient : AuthorizedHttpClient
    {
        /// <summary>Creates the client over a new HttpClient with TLS 1.2 and <see cref="AuthorizedHttpOptions.CaCertificate"/> (device build; the host build throws <see cref="NotSupportedException"/>).</summary>
        /// <param name="options">The validated options.</param>
        public CustomAuthHttpClient(CustomAuthHttpOptions options)
            : base(options, DeviceHttpClient.For(options), true, SystemClock.Instance, EnvironmentTickSource.Instance, new SystemRandomSource(), ThreadSleeper.Instance)
        {
        }

        /// <summary>Creates the client over <paramref name="client"/> on the device's clocks, randomness and sleeper (the caller keeps ownership of the client).</summary>
        /// <param name="options">The validated options.</param>
        /// <param name="client">The HTTP client (its TLS settings and CA are the caller's).</param>
        public CustomAuthHttpClient(CustomAuthHttpOptions options, HttpClient client)
            : base(options, client, false, SystemClock.Instance, EnvironmentTickSource.Instance, new SystemRandomSource(), ThreadSleeper.Instance)
        {
        }

        /// <summary>Creates the client over <paramref name="client"/> on the given clocks, randomness and sleeper (tests use a virtual clock; the caller keeps ownership of the client).</summary>
        /// <param name="options">The validated options.</param>
        /// <param name="client">The HTTP client (its TLS settings and CA are the caller's).</param>
        /// <param name="clock">The wall clock.</param>
        /// <param name="ticks">The monotonic clock.</param>
        /// <param name="random">Randomness for nonces and backoff jitter.</param>
        /// <param name="sleeper">Every wait goes through it.</param>
        /// <exception cref="ArgumentException">A setting does not fit the others (see <see cref="AuthorizedHttpOptions.Validate"/>).</exception>
        /// <exception cref="CredentialFormatException">No request could carry credentials composed with these options.</exception>
        public CustomAuthHttpClient(CustomAuthHttpOptions options, HttpClient client, IClock clock, ITickSource ticks, IRandomSource random, ISleeper sleeper)
            : base(options, client, false, clock, ticks, random, sleeper)
        {
        }

        /// <summary>Publishes <paramref name="payload"/> to <paramref name="topic"/> (<c>POST /topics/&lt;topic&gt;?qos=N</c>, each topic level percent-encoded once); not retried after an ambiguous failure, as a POST is not idempotent.</summary>
        /// <param name="topic">The topic name, under AWS IoT's rules (<see cref="IotTopic.ValidateName"/>): 1-256 UTF-8 bytes, at most 7 slashes, no wildcards, no control characters.</param>
        /// <param name="payload">The message body.</param>
        /// <param name="qos">QoS 0 or 1 (what AWS IoT serves over HTTPS).</param>
        /// <param name="contentType">The payload's media type, e.g. "application/json".</param>
        /// <returns>The final response (200 when AWS IoT accepted the message); the caller disposes it.</returns>
        /// <exception cref="ArgumentException">The topic breaks AWS IoT's topic rules (the message names the rule), before any request.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="qos"/> is not 0 or 1.</exception>
        public HttpResponseMessage Publish(string topic, byte[] payload, int qos, string contentType)
        {
            return Session.Post(PublishPath(topic, qos), payload, contentType);
        }

        /// <summary>The path and query of an HTTPS publish: <c>/topics/</c>, the topic with each level percent-encoded, <c>?qos=</c>.</summary>
        /// <param name="topic">The topic name.</param>
        /// <param name="qos">0 or 1.</param>
        internal static string PublishPath(string topic, int qos)
        {
            // AWS IoT's topic rules apply to HTTPS publish as to MQTT: length, levels, wildcards, '$', controls.
            IotTopic.ValidateName(topic);
            if (qos < 0 || qos > 1)
            {
                throw new ArgumentOutOfRangeException("qos", "qos must be 0 or 1: AWS IoT HTTPS publish serves no other.");
            }

            char[] chars = topic.ToCharArray();
            StringBuilder path = new StringBuilder("/topics/");
            int start = 0;
            for (int i = 0; i <= chars.Length; i++)
            {
                if (i == chars.Length || chars[i] == '/')
                {
                    path.Append(PercentEncoding.Encode(new string(chars, start, i - start)));
                    if (i < chars.Length)
                    {
                        path.Append('/');
                    }

                    start = i + 1;
                }
            }

            return path.Append("?qos=").Append(qos.ToString()).ToString();
        }
    }
}
