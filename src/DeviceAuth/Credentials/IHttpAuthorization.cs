using DeviceAuth.Tokens;

namespace DeviceAuth.Credentials
{
    /// <summary>
    /// Turns a token into what an HTTP request carries (AWS IoT custom-authorizer headers or query
    /// parameters, an API Gateway JWT bearer header, API Gateway REQUEST identity sources).
    /// Implementations validate against the service's limits and throw before any network I/O.
    /// </summary>
    public interface IHttpAuthorization
    {
        /// <summary>Builds the headers and query parameters for <paramref name="token"/>.</summary>
        /// <param name="token">A token that is not expired.</param>
        HttpAuthorizationParts Compose(AuthToken token);
    }
}
