using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using DeviceAuth.Credentials;

namespace DeviceAuth.Cli.Commands;

/// <summary><c>test-invoke --send</c>: posts a TestInvokeAuthorizer body to a <c>deviceauth serve</c> endpoint and prints its answer.</summary>
internal static class TestInvokeSender
{
    public static async Task<int> SendAsync(CliContext ctx, string endpoint, string caFile, string authorizerName, string body, CancellationToken ct)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            throw CliException.Invalid("--send expects the endpoint's URL, e.g. https://127.0.0.1:8443");
        }

        using var handler = new SocketsHttpHandler();
        if (caFile != null)
        {
            X509Certificate2 trusted;
            try
            {
                trusted = X509Certificate2.CreateFromPem(FileInput.ReadText(caFile, "CA certificate"));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                throw CliException.Invalid($"--ca-file {caFile}: not a PEM certificate (give the file serve wrote with --ca-out)");
            }

            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert != null && cert.GetCertHashString() == trusted.GetCertHashString(),
            };
        }

        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(new Uri(baseUri, TestInvokeAuthorizerRequest.Path(authorizerName)), new StringContent(body), ct);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
        {
            throw CliException.Env(caFile == null
                ? $"the TLS certificate of {endpoint} is not trusted: pass --ca-file with the certificate the endpoint uses (for deviceauth serve: the file it wrote with --ca-out, e.g. serve --ca-out ca.pem, then test-invoke --send {endpoint} --ca-file ca.pem)"
                : $"the TLS certificate of {endpoint} is not the one in --ca-file {caFile}: give the file this serve wrote with --ca-out (each serve run makes a new certificate)");
        }
        catch (HttpRequestException e)
        {
            throw CliException.Env($"cannot reach {endpoint}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw CliException.Env($"{endpoint} did not answer within 10 s");
        }

        using (response)
        {
            string answer = await response.Content.ReadAsStringAsync(ct);
            string errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var t) ? t.First() : string.Empty;
            ctx.Out.WriteLine($"HTTP {(int)response.StatusCode} {errorType}".TrimEnd());
            ctx.Out.WriteLine(CliJson.Reprint(answer));
            return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Refused;
        }
    }
}
