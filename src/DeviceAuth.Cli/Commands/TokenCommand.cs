using System.CommandLine;
using System.Text.Json.Nodes;
using DeviceAuth.Cli.DeviceSide;
using DeviceAuth.Credentials;
using DeviceAuth.Tokens;

namespace DeviceAuth.Cli.Commands;

/// <summary><c>deviceauth token</c>: mint (and sign) a token exactly as the device would, and show the credentials it becomes.</summary>
internal static class TokenCommand
{
    public static Command Create(CliContext ctx)
    {
        var options = new TokenOptions();
        var format = new Option<string>("--format") { Description = "text (human), json, mqtt-username, mqtt-password, http-headers (curl -H lines), http-query.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "mqtt-username", "mqtt-password", "http-headers", "http-query");
        var command = new Command("token", "Mint and sign a token exactly as the device would (the library's token sources and composers): static, device-signed, JWT or HMAC, and print it or the MQTT username / HTTP headers / query it becomes. The output is a live credential: keep it out of logs.")
        {
            format,
        };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            IClock clock = new ClockAdapter(ctx.Time);
            AuthToken token = options.Mint(parse, clock, out string description);
            string clientId = parse.GetValue(options.ClientId);
            switch (parse.GetValue(format))
            {
                case "json":
                    var o = new JsonObject { ["token"] = token.Token };
                    if (token.TokenSignature != null)
                    {
                        o["tokenSignature"] = token.TokenSignature;
                    }

                    o["issuedAt"] = token.IssuedAt == DateTime.MinValue ? null : token.IssuedAt.ToString("yyyy-MM-ddTHH:mm:ssZ");
                    o["expiresAt"] = token.HasExpiry ? token.ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ") : null;
                    ctx.Out.WriteLine(o.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                    break;
                case "mqtt-username":
                    ctx.Out.WriteLine(TokenOptions.Library(() => options.MqttComposer(parse, clock).Compose(token, clientId)).Username);
                    break;
                case "mqtt-password":
                    var creds = TokenOptions.Library(() => options.MqttComposer(parse, clock).Compose(token, clientId));
                    ctx.Out.WriteLine(creds.Password == null ? string.Empty : System.Text.Encoding.UTF8.GetString(creds.Password));
                    break;
                case "http-headers":
                    var headers = TokenOptions.Library(() => options.HttpComposer(parse, clock, AwsIotHttpPlacement.Headers).Compose(token));
                    for (int i = 0; i < headers.HeaderCount; i++)
                    {
                        ctx.Out.WriteLine(headers.GetHeaderName(i) + ": " + headers.GetHeaderValue(i));
                    }

                    break;
                case "http-query":
                    ctx.Out.WriteLine(TokenOptions.Library(() => options.HttpComposer(parse, clock, AwsIotHttpPlacement.QueryString).Compose(token)).ToQueryString());
                    break;
                default:
                    ctx.Out.WriteLine($"# {description}");
                    ctx.Out.WriteLine($"# expires: {(token.HasExpiry ? token.ExpiresAt.ToString("u") : "never")}");
                    ctx.Out.WriteLine($"token:          {token.Token}");
                    ctx.Out.WriteLine($"tokenSignature: {token.TokenSignature ?? "(none: unsigned)"}");
                    var mqtt = TokenOptions.Library(() => options.MqttComposer(parse, clock).Compose(token, clientId));
                    ctx.Out.WriteLine($"mqtt username:  {mqtt.Username}");
                    if (mqtt.Password != null)
                    {
                        ctx.Out.WriteLine($"mqtt password:  {System.Text.Encoding.UTF8.GetString(mqtt.Password)}");
                    }

                    ctx.Out.WriteLine($"http query:     {TokenOptions.Library(() => options.HttpComposer(parse, clock, AwsIotHttpPlacement.QueryString).Compose(token)).ToQueryString()}");
                    break;
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
