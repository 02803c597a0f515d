using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Security;
using System.Text;
using System.Threading;
using DeviceAuth;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Endpoints;
using DeviceAuth.Http;
using DeviceAuth.Json;
using DeviceAuth.Samples;
using DeviceAuth.Tokens;

namespace HttpsPublish
{
    /// <summary>
    /// AWS IoT HTTPS publish (POST /topics/...) with custom-authorizer headers over one kept-alive
    /// connection: device-signed RSA tokens, or per-device HMAC tokens for a signing-disabled authorizer.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            SampleSettings settings = SampleSettings.Load();
            DeviceStartup.ConnectWifi(settings);
            DeviceStartup.EnsureClock();
            string thing = settings.Text("thingName");
            int lifetime = settings.Number("tokenLifetimeSeconds", 3600);

            // HTTPS custom auth works on the default data endpoint: no ALPN needed on 443.
            ConnectionTarget target = ServiceEndpoint.IotDefaultDataEndpoint(settings.Text("endpoint")).Resolve(TransportProtocol.Https);

            // "rsa": ds1 tokens + tokenSignature; "hmac": hm1 tokens for an authorizer with signingDisabled.
            bool hmac = settings.Text("credential") == "hmac";
            ITokenSource tokens = hmac
                ? (ITokenSource)new HmacTokenSource(thing, new HmacSha256Signer(DeviceFiles.ReadBytes(SampleSettings.Folder + "device.secret")), SystemClock.Instance, new SystemRandomSource(), lifetime)
                : new DeviceSignedTokenSource(thing, DeviceFiles.LoadRsaSigner(SampleSettings.Folder + "device.key.pem"), SystemClock.Instance, new SystemRandomSource(), lifetime);
            AwsIotHttpAuthorization authorization = new AwsIotHttpAuthorization(settings.Text("authorizerName"), settings.Text("tokenKeyName"), hmac, AwsIotHttpPlacement.Headers, SystemClock.Instance);

            HttpClient client = new HttpClient();
            client.SslProtocols = SslProtocols.Tls12;
            client.HttpsAuthentCert = DeviceFiles.LoadCaOrNull(SampleSettings.Folder + "ca.pem");
            HttpSessionOptions options = new HttpSessionOptions("https://" + target.ServerName);
            options.ExpectedSigningSeconds = settings.Number("expectedSigningSeconds", 50);
            HttpSession session = new HttpSession(client, tokens, authorization, options);

            string path = "/topics/" + settings.Text("topic") + "?qos=1";
            int intervalMs = settings.Number("publishSeconds", 60) * 1000;
            for (long sequence = 1; ; sequence++)
            {
                // Renew between requests so no publish waits for a signature.
                session.RenewIfDue();
                byte[] body = Encoding.UTF8.GetBytes(new JsonWriter().BeginObject().Property("thing", thing).Property("seq", sequence).EndObject().GetJson());
                try
                {
                    HttpResponseMessage response = session.Post(path, body, "application/json");
                    Debug.WriteLine("publish " + sequence.ToString() + ": HTTP " + ((int)response.StatusCode).ToString() + " (exchanges " + session.Exchanges.ToString() + ", renewals " + session.Renewals.ToString() + ")");
                    response.Dispose();
                }
                catch (Exception ex)
                {
                    // A POST is not retried after an ambiguous failure (it is not idempotent): the next round sends a new one.
                    Debug.WriteLine("publish " + sequence.ToString() + " failed: " + ex.Message);
                }

                Thread.Sleep(intervalMs);
            }
        }
    }
}
