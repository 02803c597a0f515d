using System.Net.Http;

namespace DeviceAuth.Http
{
    /// <summary>Device build only (see DeviceAuth.Http.Host.csproj).</summary>
    public sealed partial class HttpSession
    {
        /// <summary>
        /// nanoFramework's HttpClient constructor sets <c>Connection: close</c>, which opens a TLS
        /// connection per request and defeats enableCachingForHttp and authorizer result caching.
        /// </summary>
        /// <param name="client">The client the session wraps.</param>
        partial void EnableKeepAlive(HttpClient client)
        {
            client.DefaultRequestHeaders.ConnectionClose = false;
        }
    }
}
