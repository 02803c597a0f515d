using System;

namespace DeviceAuth.Credentials
{
    /// <summary>
    /// The credential fields of an MQTT CONNECT packet: username (custom-authorizer parameters
    /// included), password bytes (may be null) and client id. <see cref="ToString"/> reveals none of them but the client id.
    /// </summary>
    public sealed class MqttConnectCredentials
    {
        /// <summary>Creates the credentials.</summary>
        /// <param name="clientId">The MQTT client id.</param>
        /// <param name="username">The MQTT username (already percent-encoded where needed).</param>
        /// <param name="password">The password bytes, or null for none.</param>
        public MqttConnectCredentials(string clientId, string username, byte[] password)
        {
            if (clientId == null)
            {
                throw new ArgumentNullException("clientId");
            }

            ClientId = clientId;
            Username = username;
            Password = password;
        }

        /// <summary>The MQTT client id.</summary>
        public string ClientId { get; }

        /// <summary>The MQTT username, or null.</summary>
        public string Username { get; }

        /// <summary>The MQTT password bytes, or null.</summary>
        public byte[] Password { get; }

        /// <summary>A description without secrets.</summary>
        public override string ToString()
        {
            return "MqttConnectCredentials(clientId " + ClientId + ")";
        }
    }
}
