using System.Diagnostics;
using System.Text;
using System.Threading;
using DeviceAuth.Endpoints;
using DeviceAuth.Json;
using DeviceAuth.Mqtt;
using DeviceAuth.Samples;

namespace MqttCustomAuth
{
    /// <summary>MQTT to an AWS IoT CUSTOM_AUTH + SECURE_MQTT domain configuration with device-signed tokens; the client renews them and reconnects before disconnectAfterInSeconds.</summary>
    public static class Program
    {
        public static void Main()
        {
            SampleSettings settings = DeviceStartup.Begin();
            CustomAuthMqttOptions options = CustomAuthMqttOptions.ForSignedTokens(ServiceEndpoint.IotDomainConfiguration(settings.Text("domainName"), IotAuthenticationType.CustomAuth, IotApplicationProtocol.SecureMqtt),
                settings.Text("thingName"), settings.Text("authorizerName"), settings.Text("tokenKeyName"), DeviceFiles.LoadRsaSigner(SampleSettings.Folder + "device.key.pem"));
            options.Port = settings.Number("port", 8883);
            options.TokenLifetimeSeconds = settings.Number("tokenLifetimeSeconds", 3600);
            options.RefreshAfterInSeconds = settings.Number("refreshAfterInSeconds", 3600);
            options.DisconnectAfterInSeconds = settings.Number("disconnectAfterInSeconds", 86400);
            options.ExpectedSigningSeconds = settings.Number("expectedSigningSeconds", 50);
            options.CaCertificate = DeviceFiles.LoadCaOrNull(SampleSettings.Folder + "ca.pem");
            CustomAuthMqttClient client = new CustomAuthMqttClient(options);
            client.StatusChanged += (sender, status) => Debug.WriteLine(status.ToString()); // no secrets: event, CONNACK code, failures, next attempt
            client.Start();
            for (long sequence = 1; ; sequence++)
            {
                Thread.Sleep(settings.Number("telemetrySeconds", 60) * 1000);
                PublishResult result = client.Publish(settings.Text("topic"), Encoding.UTF8.GetBytes(new JsonWriter().BeginObject().Property("thing", options.ClientId).Property("seq", sequence)
                    .Property("uptimeSeconds", DeviceStartup.UptimeSeconds()).Property("freeHeap", (long)DeviceStartup.FreeHeap()).EndObject().GetJson()), 1);
                Debug.WriteLine("telemetry " + sequence.ToString() + ": " + (result == PublishResult.Sent ? "sent" : "queued or dropped (" + ((int)result).ToString() + ")"));
            }
        }
    }
}
