using System.Net.Http;

namespace DeviceAuth.Http
{
    /// <summary>
    /// Reads a response header's value (null when absent). nanoFramework's <c>HttpResponseHeaders</c>
    /// exposes no read API (its HttpHeaders has only <c>Add</c>), so the session can only honour
    /// <c>Retry-After</c> when the application supplies a reader; without one it backs off on its own schedule.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="name">The header name.</param>
    public delegate string ResponseHeaderReader(HttpResponseMessage response, string name);
}
