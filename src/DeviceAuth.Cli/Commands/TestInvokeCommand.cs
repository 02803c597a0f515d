using System.CommandLine;
using System.Text.Json.Nodes;
using DeviceAuth.Cli.DeviceSide;
using DeviceAuth.Credentials;

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
            DeviceCredentials credentials = DeviceCredentials.ForAwsIot(options, parse, clock);
            AwsIotHttpPlacement httpPlacement = parse.GetValue(placement) == "query" ? AwsIotHttpPlacement.QueryString : AwsIotHttpPlacement.Headers;
            string body = credentials.TestInvokeBody(parse.GetValue(context), httpPlacement, parse.GetValue(serverName));
            if (parse.GetValue(send) is not string endpoint)
            {
                JsonNode json = parse.GetValue(cliInput) ? credentials.TestInvokeInput(parse.GetValue(context), httpPlacement, parse.GetValue(serverName)) : JsonNode.Parse(body)!;
                ctx.Out.WriteLine(CliJson.Indented(json));
                return ExitCodes.Ok;
            }

            return await TestInvokeSender.SendAsync(ctx, endpoint, parse.GetValue(caFile), credentials.AuthorizerName, body, ct);
        });
        return command;
    }
}
