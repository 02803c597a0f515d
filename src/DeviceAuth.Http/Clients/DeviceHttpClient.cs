using System;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;

namespace DeviceAuth.Http
{
    /// <summary>The HttpClient a device client makes for itself: TLS 1.2 and the options' CA, set through members only the device's HttpClient has.</summary>
    internal static partial class DeviceHttpClient
    {
        /// <summary>Validates <paramref name="options"/>, then makes the client (device build) or throws <see cref="NotSupportedException"/> (host build).</summary>
        /// <param name="options">The options.</param>
        internal static HttpClient For(AuthorizedHttpOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            // Everything is checked before the client exists.
            options.Validate();
            HttpClient client = null;
            Create(options.CaCertificate, ref client);
            if (client == null)
            {
                throw new NotSupportedException("This build cannot set the device HttpClient's TLS members (the host build): use the constructor that takes an HttpClient.");
            }

            return client;
        }

        /// <summary>Device build only (Device/DeviceHttpClient.Tls.cs): a new HttpClient with TLS 1.2 and the CA.</summary>
        /// <param name="caCertificate">The CA, or null for the device store.</param>
        /// <param name="client">Set to the client.</param>
        static partial void Create(X509Certificate caCertificate, ref HttpClient client);
    }
}
