using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace DeviceAuth.Http
{
    /// <summary>Device build only (listed in DeviceAuth.Http.nfproj alone): HttpClient.SslProtocols and HttpsAuthentCert exist only on the device's HttpClient.</summary>
    internal static partial class DeviceHttpClient
    {
        /// <summary>A new HttpClient with TLS 1.2 and the CA (keep-alive is turned on by the session).</summary>
        /// <param name="caCertificate">The CA, or null for the device store.</param>
        /// <param name="client">Set to the client.</param>
        static partial void Create(X509Certificate caCertificate, ref HttpClient client)
        {
            client = new HttpClient();
            client.SslProtocols = SslProtocols.Tls12;
            client.HttpsAuthentCert = caCertificate;
        }
    }
}
