using DeviceAuth.Tokens;

namespace DeviceAuth.Credentials
{
    /// <summary>
    /// Turns a token into MQTT CONNECT credentials (custom-authorizer username parameters and
    /// password). Implementations validate against the service's limits before any network I/O.
    /// </summary>
    public interface IMqttAuthorization
    {
        /// <summary>Builds the CONNECT credentials carrying <paramref name="token"/>.</summary>
        /// <param name="token">A token that is not expired.</param>
        /// <param name="clientId">The MQTT client id.</param>
        MqttConnectCredentials Compose(AuthToken token, string clientId);
    }
}
