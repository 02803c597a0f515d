using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using DeviceAuth;
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
            SampleSettings settings = DeviceStartup.Begin();
            string device = settings.Text("deviceId");
            ServiceEndpoint api = ServiceEndpoint.ApiGateway(settings.Text("apiHost"));
            string mode = settings.Text("authorizer");

            ApiGatewayOptions options;
            if (mode == "vended")
            {
                // JWT authorizer, JWTs vended by a token service: the device holds only an HMAC secret,
                // which authenticates it to the token service (a REQUEST authorizer there).
                ApiGatewayOptions toService = ApiGatewayOptions.ForRequestHmacTokens(ServiceEndpoint.ApiGateway(settings.Text("tokenServiceHost")), new string[] { "$request.header.x-device-token" }, device, new HmacSha256Signer(DeviceFiles.ReadBytes(SampleSettings.Folder + "device.secret")));
                toService.MapToken("$request.header.x-device-token");
                toService.TokenLifetimeSeconds = 600;
                toService.CaCertificate = DeviceFiles.LoadCaOrNull(SampleSettings.Folder + "ca.pem");
                ApiGatewayClient tokenService = new ApiGatewayClient(toService);
                options = ApiGatewayOptions.ForJwtSource(api, new VendedTokenSource(tokenService.Session, settings.Text("tokenPath"), null, null, SystemClock.Instance, new BootTicks(), new SystemRandomSource()));
            }
            else if (mode == "request")
            {
                // REQUEST authorizer, identity sources $request.header.x-device-token and x-device-signature.
                options = ApiGatewayOptions.ForRequestSignedTokens(api, new string[] { "$request.header.x-device-token", "$request.header.x-device-signature" }, device, DeviceFiles.LoadRsaSigner(SampleSettings.Folder + "device.key.pem"));
                options.MapToken("$request.header.x-device-token");
                options.MapTokenSignature("$request.header.x-device-signature");
            }
            else
            {
                // JWT authorizer: Authorization: Bearer <RS256 JWT>, kid naming the device key in the issuer's JWKS.
                JwtOptions jwt = new JwtOptions(settings.Text("issuer"), device, settings.Text("audience"), settings.Number("tokenLifetimeSeconds", 3600));
                jwt.KeyId = settings.Text("keyId");
                options = ApiGatewayOptions.ForSignedJwts(api, jwt, DeviceFiles.LoadRsaSigner(SampleSettings.Folder + "device.key.pem"));
            }

            options.TokenLifetimeSeconds = settings.Number("tokenLifetimeSeconds", 3600);
            options.ExpectedSigningSeconds = settings.Number("expectedSigningSeconds", 50);
            options.CaCertificate = DeviceFiles.LoadCaOrNull(SampleSettings.Folder + "ca.pem");
            ApiGatewayClient client = new ApiGatewayClient(options);

            string path = settings.Text("path");
            int intervalMs = settings.Number("pollSeconds", 60) * 1000;
            for (long sequence = 1; ; sequence++)
            {
                client.RenewIfDue();
                try
                {
                    HttpResponseMessage response = client.Get(path);
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
