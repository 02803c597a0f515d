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
    /// Calls an API Gateway HTTP API route protected by a JWT authorizer (a device-minted RS256 JWT, or
    /// a JWT vended by a token service, as a bearer token), or by a REQUEST authorizer whose identity
    /// sources are two headers.
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
            string mode = settings.Text("authorizer");

            ITokenSource tokens;
            IHttpAuthorization authorization;
            if (mode == "vended")
            {
                // JWT authorizer, JWTs vended by a token service: the device holds only an HMAC secret,
                // which authenticates it to the token service (a REQUEST authorizer there).
                ApiGatewayRequestAuthorization toService = new ApiGatewayRequestAuthorization(new string[] { "$request.header.x-device-token" }, SystemClock.Instance);
                toService.MapToken("$request.header.x-device-token");
                HmacTokenSource serviceTokens = new HmacTokenSource(device, new HmacSha256Signer(DeviceFiles.ReadBytes(SampleSettings.Folder + "device.secret")), SystemClock.Instance, new SystemRandomSource(), 600);
                HttpSession tokenService = new HttpSession(NewClient(), serviceTokens, toService, new HttpSessionOptions("https://" + ServiceEndpoint.ApiGateway(settings.Text("tokenServiceHost")).Resolve(TransportProtocol.Https).ServerName));
                tokens = new VendedTokenSource(tokenService, settings.Text("tokenPath"), null, null, SystemClock.Instance, new BootTicks(), new SystemRandomSource());
                authorization = new ApiGatewayJwtAuthorization(SystemClock.Instance);
            }
            else if (mode == "request")
            {
                ISigner signer = DeviceFiles.LoadRsaSigner(SampleSettings.Folder + "device.key.pem");
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
                ISigner signer = DeviceFiles.LoadRsaSigner(SampleSettings.Folder + "device.key.pem");
                JwtOptions jwt = new JwtOptions(settings.Text("issuer"), device, settings.Text("audience"), lifetime);
                jwt.KeyId = settings.Text("keyId");
                jwt.Form = JwtTokenForm.Compact;
                tokens = new JwtTokenSource(jwt, signer, SystemClock.Instance, new SystemRandomSource());
                authorization = new ApiGatewayJwtAuthorization(SystemClock.Instance);
            }

            HttpSessionOptions options = new HttpSessionOptions("https://" + target.ServerName);
            options.ExpectedSigningSeconds = settings.Number("expectedSigningSeconds", 50);
            HttpSession session = new HttpSession(NewClient(), tokens, authorization, options);

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

        private static HttpClient NewClient()
        {
            HttpClient client = new HttpClient();
            client.SslProtocols = SslProtocols.Tls12;
            client.HttpsAuthentCert = DeviceFiles.LoadCaOrNull(SampleSettings.Folder + "ca.pem");
            return client;
        }
    }
}
