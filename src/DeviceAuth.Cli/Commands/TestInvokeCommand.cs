using System.CommandLine;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using DeviceAuth.Cli.DeviceSide;
using DeviceAuth.Credentials;
using DeviceAuth.Tokens;

namespace DeviceAuth.Cli.Commands;

/// <summary><c>deviceauth test-invoke</c>: the TestInvokeAuthorizer body for what the device would send (http, mqtt or tls context).</summary>
internal static class TestInvokeCommand
{
    public static Command Create(CliContext ctx)
    {
        var options = new TokenOptions();
        var context = new Option<string>("--context") { Description = "Which protocol context to describe: mqtt (username, password, clientId), http (headers, queryString) or tls (serverName only).", DefaultValueFactory = _ => "mqtt" };
        context.AcceptOnlyFromAmong("mqtt", "http", "tls");
        var placement = new Option<string>("--placement") { Description = "http: headers or query.", DefaultValueFactory = _ => "headers" };
        placement.AcceptOnlyFromAmong("headers", "query");
        var serverName = new Option<string>("--server-name") { Description = "tlsContext.serverName (the SNI the device sends)." };
        var cliInput = new Option<bool>("--cli-input-json") { Description = "Add authorizerName so the body works with `aws iot test-invoke-authorizer --cli-input-json file://...`." };
        var send = new Option<string>("--send") { Description = "POST the body to a `deviceauth serve` endpoint (https://HOST:PORT) and print its answer." };
        var caFile = new Option<string>("--ca-file") { Description = "With --send: the endpoint's certificate (serve --ca-out)." };
        var command = new Command("test-invoke", "Write the TestInvokeAuthorizer request body for credentials minted and composed exactly as the device would (the library's TestInvokeAuthorizerRequest). The body contains a live credential.")
        {
            context, placement, serverName, cliInput, send, caFile,
        };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            IClock clock = new ClockAdapter(ctx.Time);
            AuthToken token = options.Mint(parse, clock, out _);
            string sni = parse.GetValue(serverName);
            string body = parse.GetValue(context) switch
            {
                "mqtt" => TokenOptions.Library(() => TestInvokeAuthorizerRequest.ForMqtt(options.MqttComposer(parse, clock), token, parse.GetValue(options.ClientId), sni)),
                "http" => TokenOptions.Library(() => TestInvokeAuthorizerRequest.ForHttp(options.HttpComposer(parse, clock, parse.GetValue(placement) == "query" ? AwsIotHttpPlacement.QueryString : AwsIotHttpPlacement.Headers), token, sni)),
                _ => TokenOptions.Library(() => TestInvokeAuthorizerRequest.Build(token.Token, parse.GetValue(options.SigningDisabled) ? null : token.TokenSignature, null, null, sni ?? throw CliException.Invalid("--context tls needs --server-name"))),
            };
            JsonObject json = JsonNode.Parse(body)!.AsObject();
            string name = parse.GetValue(options.AuthorizerName);
            if (parse.GetValue(cliInput))
            {
                var withName = new JsonObject { ["authorizerName"] = name };
                foreach (var (k, v) in json.ToArray())
                {
                    json.Remove(k);
                    withName[k] = v;
                }

                json = withName;
            }

            string pretty = json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            if (parse.GetValue(send) is not string endpoint)
            {
                ctx.Out.WriteLine(pretty);
                return ExitCodes.Ok;
            }

            using var handler = new SocketsHttpHandler();
            if (parse.GetValue(caFile) is string ca)
            {
                var trusted = X509Certificate2.CreateFromPem(FileInput.ReadText(ca, "CA certificate"));
                handler.SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, cert, _, _) => cert != null && cert.GetCertHashString() == trusted.GetCertHashString(),
                };
            }

            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync(new Uri(new Uri(endpoint), TestInvokeAuthorizerRequest.Path(name)), new StringContent(body), ct);
            }
            catch (HttpRequestException e)
            {
                throw CliException.Env($"cannot reach {endpoint}: {e.Message}");
            }

            string answer = await response.Content.ReadAsStringAsync(ct);
            ctx.Out.WriteLine($"HTTP {(int)response.StatusCode} {(response.Headers.TryGetValues("x-amzn-ErrorType", out var t) ? t.First() : string.Empty)}".TrimEnd());
            ctx.Out.WriteLine(answer);
            return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }
}
