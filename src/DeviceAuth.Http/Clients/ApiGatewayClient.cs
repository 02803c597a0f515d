using System;
using System.Net.Http;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Http
{
    /// <summary>Calls an API Gateway HTTP API behind a JWT or REQUEST authorizer over one kept-alive connection: create it from <see cref="ApiGatewayOptions"/>, then <see cref="Get"/>, <see cref="Post"/>, ...</summary>
    /// <remarks>The parts it composes stay reachable through <see cref="AuthorizedHttpClient"/>'s properties.</remarks>
    public sealed class ApiGatewayClient : AuthorizedHttpClient
    {
        /// <summary>Creates the client over a new HttpClient with TLS 1.2 and <see cref="AuthorizedHttpOptions.CaCertificate"/> (device build; the host build throws <see cref="NotSupportedException"/>).</summary>
        /// <param name="options">The validated options.</param>
        public ApiGatewayClient(ApiGatewayOptions options)
            : base(options, DeviceHttpClient.For(options), true, SystemClock.Instance, EnvironmentTickSource.Instance, new SystemRandomSource(), ThreadSleeper.Instance)
        {
        }

        /// <summary>Creates the client over <paramref name="client"/> on the device's clocks, randomness and sleeper (the caller keeps ownership of the client).</summary>
        /// <param name="options">The validated options.</param>
        /// <param name="client">The HTTP client (its TLS settings and CA are the caller's).</param>
        public ApiGatewayClient(ApiGatewayOptions options, HttpClient client)
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
        /// <exception cref="CredentialFormatException">No request could carry credentials composed with these options (for example an identity source left unmapped).</exception>
        public ApiGatewayClient(ApiGatewayOptions options, HttpClient client, IClock clock, ITickSource ticks, IRandomSource random, ISleeper sleeper)
            : base(options, client, false, clock, ticks, random, sleeper)
        {
        }

        /// <summary>Sends a GET (retried once after a 401/403 renewal, and on 429/5xx).</summary>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Get(string pathAndQuery)
        {
            return Session.Get(pathAndQuery);
        }

        /// <summary>Sends a POST (not retried after a 401/403 or an ambiguous failure: it is not idempotent).</summary>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <param name="body">The body.</param>
        /// <param name="contentType">Its media type, e.g. "application/json".</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Post(string pathAndQuery, byte[] body, string contentType)
        {
            return Session.Post(pathAndQuery, body, contentType);
        }

        /// <summary>Sends a PUT.</summary>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <param name="body">The body.</param>
        /// <param name="contentType">Its media type.</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Put(string pathAndQuery, byte[] body, string contentType)
        {
            return Session.Put(pathAndQuery, body, contentType);
        }

        /// <summary>Sends a DELETE.</summary>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Delete(string pathAndQuery)
        {
            return Session.Delete(pathAndQuery);
        }

    }
}
