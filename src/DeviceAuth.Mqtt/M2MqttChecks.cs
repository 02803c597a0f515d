using System;
using DeviceAuth.Credentials;
using DeviceAuth.Encoding;
using DeviceAuth.Endpoints;

namespace DeviceAuth.Mqtt
{
    /// <summary>
    /// What the device-only M2Mqtt adapter (<c>DeviceAuth.Mqtt.Device.M2MqttTransport</c>) checks before
    /// any network I/O, kept here so the host tests run the same code: nanoFramework.M2Mqtt takes the
    /// password as a string (and sends its UTF-8 bytes) and leaves out an empty user name while still
    /// sending the password, and it connects to a host name that is also the TLS server name.
    /// </summary>
    public static class M2MqttChecks
    {
        /// <summary>
        /// The CONNECT password as the string M2Mqtt needs, or null when there is none. Refuses a password
        /// without a user name (MQTT 3.1.1, section 3.1.2.9) and a password that is not well-formed UTF-8
        /// (its bytes would not survive the round trip through a string).
        /// </summary>
        /// <param name="credentials">The CONNECT credentials.</param>
        /// <returns>The password text, or null.</returns>
        /// <exception cref="ArgumentException">The credentials cannot be sent as they are (the message names the rule, never the value).</exception>
        public static string PasswordText(MqttConnectCredentials credentials)
        {
            if (credentials == null)
            {
                throw new ArgumentNullException("credentials");
            }

            byte[] password = credentials.Password;
            if (password == null)
            {
                return null;
            }

            if (credentials.Username == null || credentials.Username.Length == 0)
            {
                throw new ArgumentException("MQTT 3.1.1 forbids a password without a user name, and M2Mqtt would send the password alone: set a user name or no password.", "credentials");
            }

            try
            {
                return Utf8Text.Decode(password, 0, password.Length);
            }
            catch (FormatException)
            {
                throw new ArgumentException("The MQTT password is not well-formed UTF-8: nanoFramework.M2Mqtt takes it as a string and would send different bytes.", "credentials");
            }
        }

        /// <summary>
        /// The host name to give M2Mqtt (it is also the TLS server name) for a resolved endpoint: refuses
        /// targets M2Mqtt cannot serve (not MQTT over TLS, or needing a client certificate) and invalid
        /// server names. Resolve the target with <see cref="ServiceEndpoint.Resolve(TransportProtocol)"/>,
        /// which refuses the combinations that need ALPN.
        /// </summary>
        /// <param name="target">The resolved target.</param>
        /// <returns>Its server name.</returns>
        /// <exception cref="ArgumentException">Not an MQTT target.</exception>
        /// <exception cref="NotSupportedException">The target needs an X.509 client certificate.</exception>
        /// <exception cref="CredentialFormatException">The server name is not a valid SNI host name.</exception>
        public static string ServerNameFor(ConnectionTarget target)
        {
            if (target == null)
            {
                throw new ArgumentNullException("target");
            }

            if (target.Transport != TransportProtocol.Mqtt)
            {
                throw new ArgumentException("The M2Mqtt transport speaks MQTT directly over TLS: resolve the endpoint with TransportProtocol.Mqtt.", "target");
            }

            if (target.RequiresClientCertificate)
            {
                throw new NotSupportedException("This endpoint (CUSTOM_AUTH_X509) also requires an X.509 client certificate, which the M2Mqtt transport does not present: use a CUSTOM_AUTH domain configuration.");
            }

            ServerName.Validate(target.ServerName);
            return target.ServerName;
        }
    }
}
