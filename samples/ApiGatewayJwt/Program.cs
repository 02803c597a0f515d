using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Security;
using System.Threading;
using DeviceAuth;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Endpoints;
using DeviceAuth.Http;
using DeviceAuth.Samples;
using DeviceAuth.Tokens;

namespace ApiGatewayJwt
{
    /// <summary>
    /// Calls an API Gateway HTTP API route protected by a JWT authorizer (device-minted RS256 JWT as
    /// a bearer token), or by a REQUEST authorizer whose identity sources are two headers.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            SampleSettings settings = SampleSettings.Load();
            DeviceStartup.ConnectWifi(settings);
            DeviceStartup.EnsureClock();
            string device = settings.Text("deviceId");
            int lifetime = settings.Number("tokenLifetimeSeconds", 3600);
            ConnectionTarget target = ServiceEndpoint.ApiGateway(settings.Text("apiHost")).Resolve(TransportProtocol.Https);
            ISigner signer = DeviceFiles.LoadRsaSigner(SampleSettings.Folder + "device.key.pem");

            ITokenSource tokens;
            IHttpAuthorization authorization;
            if (settings.Text("authorizer") == "request")
            {
                // REQUEST authorizer, identity sources $request.header.x-device-token and x-device-signature.
                tokens = new DeviceSignedTokenSource(device, signer, SystemClock.Instance, new SystemRandomSource(), lifetime);
                ApiGatewayRequestAuthorization request = new ApiGatewayRequestAuthorization(
                    new string[] { "$request.header.x-device-token", "$request.header.x-device-signature" }, SystemClock.Instance);
                request.MapToken("$request.header.x-device-token");
                request.MapTokenSignature("$request.header.x-device-signature");
                authorization = request;
            }
            else
            {
                // JWT authorizer: Authorization: Bearer <RS256 JWT>, kid naming the device key in the issuer's JWKS.
                JwtOptions jwt = new JwtOptions(settings.Text("issuer"), device, settings.Text("audience"), lifetime);
                jwt.KeyId = settings.Text("keyId");
                jwt.Form = JwtTokenForm.Compact;
                tokens = new JwtTokenSource(jwt, signer, SystemClock.Instance, new SystemRandomSource());
                authorization = new ApiGatewayJwtAuthorization(SystemClock.Instance);
            }

            HttpClient client = new HttpClient();
            client.SslProtocols = SslProtocols.Tls12;
            client.HttpsAuthentCert = DeviceFiles.LoadCaOrNull(SampleSettings.Folder + "ca.pem");
            HttpSessionOptions options = new HttpSessionOptions("https://" + target.ServerName);
            options.ExpectedSigningSeconds = settings.Number("expectedSigningSeconds", 50);
            HttpSession session = new HttpSession(client, tokens, authorization, options);

            string path = settings.Text("path");
            int intervalMs = settings.Number("pollSeconds", 60) * 1000;
            for (long sequence = 1; ; sequence++)
            {
                session.RenewIfDue();
                try
                {
                    HttpResponseMessage response = session.Get(path);
                    Debug.WriteLine("GET " + sequence.ToString() + ": HTTP " + ((int)response.StatusCode).ToString() + " " + response.Content.ReadAsString());
                    response.Dispose();
                }
                catch (Exception ex)
                {
                    Debug.WriteLine("GET " + sequence.ToString() + " failed: " + ex.Message);
                }

                Thread.Sleep(intervalMs);
            }
        }
    }
}
