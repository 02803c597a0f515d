using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading;
using DeviceAuth.Crypto;
using DeviceAuth.Endpoints;
using DeviceAuth.Http;
using DeviceAuth.Json;
using DeviceAuth.Samples;

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
            SampleSettings settings = DeviceStartup.Begin();
            string thing = settings.Text("thingName");

            // HTTPS custom auth works on the default data endpoint: no ALPN needed on 443.
            ServiceEndpoint endpoint = ServiceEndpoint.IotDefaultDataEndpoint(settings.Text("endpoint"));

            // "rsa": ds1 tokens + tokenSignature; "hmac": hm1 tokens for an authorizer with signingDisabled.
            CustomAuthHttpOptions options = settings.Text("credential") == "hmac"
                ? CustomAuthHttpOptions.ForHmacTokens(endpoint, thing, settings.Text("authorizerName"), settings.Text("tokenKeyName"), new HmacSha256Signer(DeviceFiles.ReadBytes(SampleSettings.Folder + "device.secret")))
                : CustomAuthHttpOptions.ForSignedTokens(endpoint, thing, settings.Text("authorizerName"), settings.Text("tokenKeyName"), DeviceFiles.LoadRsaSigner(SampleSettings.Folder + "device.key.pem"));
            options.TokenLifetimeSeconds = settings.Number("tokenLifetimeSeconds", 3600);
            options.ExpectedSigningSeconds = settings.Number("expectedSigningSeconds", 50);
            options.CaCertificate = DeviceFiles.LoadCaOrNull(SampleSettings.Folder + "ca.pem");
            CustomAuthHttpClient client = new CustomAuthHttpClient(options);

            int intervalMs = settings.Number("publishSeconds", 60) * 1000;
            for (long sequence = 1; ; sequence++)
            {
                // Renew between requests so no publish waits for a signature.
                client.RenewIfDue();
                byte[] body = Encoding.UTF8.GetBytes(new JsonWriter().BeginObject().Property("thing", thing).Property("seq", sequence).EndObject().GetJson());
                try
                {
                    HttpResponseMessage response = client.Publish(settings.Text("topic"), body, 1, "application/json");
                    Debug.WriteLine("publish " + sequence.ToString() + ": HTTP " + ((int)response.StatusCode).ToString() + " (exchanges " + client.Session.Exchanges.ToString() + ", renewals " + client.Session.Renewals.ToString() + ")");
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
