using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using DeviceAuth;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using DeviceAuth.Json;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;
using DeviceAuth.Mqtt.Device;
using DeviceAuth.Samples;
using DeviceAuth.Tokens;
using nanoFramework.M2Mqtt;

namespace MqttCustomAuth
{
    /// <summary>
    /// MQTT to an AWS IoT domain configuration with custom authentication: device-signed tokens, a
    /// session that renews them and reconnects before disconnectAfterInSeconds, periodic telemetry.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            SampleSettings settings = SampleSettings.Load();
            DeviceStartup.ConnectWifi(settings);
            DeviceStartup.EnsureClock();
            string thing = settings.Text("thingName");

            // Where: a CUSTOM_AUTH + SECURE_MQTT domain configuration, selected by SNI alone (no ALPN).
            ConnectionTarget target = ServiceEndpoint
                .IotDomainConfiguration(settings.Text("domainName"), IotAuthenticationType.CustomAuth, IotApplicationProtocol.SecureMqtt)
                .Resolve(TransportProtocol.Mqtt, settings.Number("port", 8883));

            // Who: short-lived ds1 tokens signed with the device key (never replayed once expired).
            DeviceSignedTokenSource tokens = new DeviceSignedTokenSource(
                thing, DeviceFiles.LoadRsaSigner(SampleSettings.Folder + "device.key.pem"), SystemClock.Instance, new SystemRandomSource(), settings.Number("tokenLifetimeSeconds", 3600));
            AwsIotMqttAuthorization authorization = new AwsIotMqttAuthorization(settings.Text("authorizerName"), settings.Text("tokenKeyName"), false, SystemClock.Instance);

            // How long: the authorizer's windows drive renewal, proactive reconnects and backoff.
            LifetimeOptions lifetime = new LifetimeOptions(settings.Number("refreshAfterInSeconds", 3600), settings.Number("disconnectAfterInSeconds", 86400));
            lifetime.ExpectedSigningSeconds = settings.Number("expectedSigningSeconds", 50);

            M2MqttTransport transport = new M2MqttTransport(target.ServerName, target.Port, true, DeviceFiles.LoadCaOrNull(SampleSettings.Folder + "ca.pem"), MqttSslProtocols.TLSv1_2);
            MqttSession session = new MqttSession(transport, tokens, authorization, new MqttSessionOptions(thing, lifetime));
            session.StatusChanged += OnStatus;
            new MqttSessionDriver(session).Start();
            Debug.WriteLine("mqtt: session started for " + target.ToString());

            string topic = settings.Text("topic");
            int intervalMs = settings.Number("telemetrySeconds", 60) * 1000;
            for (long sequence = 1; ; sequence++)
            {
                Thread.Sleep(intervalMs);
                string payload = new JsonWriter()
                    .BeginObject()
                    .Property("thing", thing)
                    .Property("seq", sequence)
                    .Property("uptimeSeconds", Environment.TickCount64 / 1000)
                    .Property("freeHeap", (long)DeviceStartup.FreeHeap())
                    .EndObject()
                    .GetJson();
                PublishResult result = session.Publish(topic, Encoding.UTF8.GetBytes(payload), 1, false);
                Debug.WriteLine("telemetry " + sequence.ToString() + ": " + (result == PublishResult.Sent ? "sent" : "queued or dropped (" + ((int)result).ToString() + ")"));
            }
        }

        // Status reports carry no secrets: event, CONNACK code, failure streak, next attempt.
        private static void OnStatus(MqttSession sender, MqttSessionStatus status)
        {
            Debug.WriteLine(status.ToString());
        }
    }
}
