using System.Security.Cryptography.X509Certificates;
using DeviceAuth.Endpoints;
using DeviceAuth.Mqtt.Device;
using nanoFramework.M2Mqtt;

namespace DeviceAuth.Mqtt
{
    /// <summary>Device build only (listed in DeviceAuth.Mqtt.nfproj alone): the client's M2Mqtt transport.</summary>
    public sealed partial class CustomAuthMqttClient
    {
        /// <summary>The M2Mqtt transport over TLS 1.2 for a target the options resolved and checked.</summary>
        /// <param name="target">The resolved MQTT target.</param>
        /// <param name="caCertificate">The CA, or null for the device store.</param>
        /// <param name="transport">Set to the transport.</param>
        static partial void CreateM2MqttTransport(ConnectionTarget target, X509Certificate caCertificate, ref IMqttTransport transport)
        {
            transport = new M2MqttTransport(target, caCertificate, MqttSslProtocols.TLSv1_2);
        }
    }
}
