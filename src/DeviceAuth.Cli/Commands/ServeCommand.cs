using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using DeviceAuth.LocalCloud.Server;
using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.Cli.Commands;

/// <summary><c>deviceauth serve</c>: a local custom-authorizer endpoint (HTTPS publish, TestInvokeAuthorizer, stats, MQTT relay to a real broker).</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext ctx)
    {
        var setup = new AuthorizerSetup { AllowNone = true };
        var apiGateway = new ApiGatewaySetup();
        var listen = new Option<string>("--listen") { Description = "Address to listen on (127.0.0.1; 0.0.0.0 to let devices on your LAN in).", DefaultValueFactory = _ => "127.0.0.1" };
        var httpsPort = new Option<int>("--https-port") { Description = "HTTPS port (0: any free port).", DefaultValueFactory = _ => 8443 };
        var mqttPort = new Option<int>("--mqtt-port") { Description = "MQTT-over-TLS port, with --broker (0: any free port).", DefaultValueFactory = _ => 8883 };
        var broker = new Option<string>("--broker") { Description = "HOST:PORT of a real MQTT broker (e.g. mosquitto) to relay authorized MQTT connections to. Without it there is no MQTT listener." };
        var domain = new Option<string>("--domain-name") { Description = "Custom-auth domain: MQTT clients must send this SNI or ALPN 'mqtt' (as on port 443 of the service)." };
        var caOut = new Option<string>("--ca-out") { Description = "Write the endpoint's self-signed TLS certificate (PEM) here, for clients' CA file (mosquitto_pub --cafile, the device's CA)." };
        var region = new Option<string>("--region") { Description = "Region in the ARNs policies are evaluated against.", DefaultValueFactory = _ => "us-east-1" };
        var account = new Option<string>("--account") { Description = "Account id in the ARNs policies are evaluated against.", DefaultValueFactory = _ => "123456789012" };
        var duration = new Option<int?>("--duration") { Description = "Stop after this many seconds (default: run until Ctrl+C)." };
        var quiet = new Option<bool>("--quiet") { Description = "Do not log each decision." };
        var shortDurations = new Option<bool>("--test-allow-short-durations") { Description = "TESTING ONLY: accept refreshAfterInSeconds/disconnectAfterInSeconds below the service's minimum of 300 (down to 1)." };
        var command = new Command("serve", "Run a local AWS IoT custom-authorizer endpoint: HTTPS POST /topics/{topic} (custom-auth headers or query), POST /authorizer/{name}/test, GET /stats; with --broker, an MQTT-over-TLS listener relaying authorized connections to a real broker.")
        {
            listen, httpsPort, mqttPort, broker, domain, caOut, region, account, duration, quiet,
        };
        setup.AddTo(command);
        apiGateway.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            setup.FunctionLog = parse.GetValue(quiet) ? null : line => ctx.Err.WriteLine($"[{ctx.Time.GetUtcNow():HH:mm:ss}] {line}");
            var engine = setup.Engine(parse, ctx.Time, out AuthorizerFunction fn);
            using var functionCode = engine.Functions;
            var authorizers = engine.Authorizers;
            if (!IPAddress.TryParse(parse.GetValue(listen), out IPAddress listenAddress))
            {
                throw CliException.Invalid("--listen must be an IP address (127.0.0.1, ::1, 0.0.0.0)");
            }

            IPEndPoint brokerEndPoint = parse.GetValue(broker) is string b ? await ParseEndPoint(b, ct) : null;
            bool log = !parse.GetValue(quiet);
            var options = new ServerOptions
            {
                ListenAddress = listenAddress,
                HttpsPort = parse.GetValue(httpsPort),
                MqttPort = parse.GetValue(mqttPort),
                Broker = brokerEndPoint,
                Region = parse.GetValue(region),
                Account = parse.GetValue(account),
                DomainName = parse.GetValue(domain),
                ApiGateway = apiGateway.Create(parse, ctx.Time, parse.GetValue(region), parse.GetValue(account)),
                Log = log ? line => ctx.Err.WriteLine($"[{ctx.Time.GetUtcNow():HH:mm:ss}] {line}") : null,
            };
            options.ApiGateway.DataPlane.Log = options.Log;
            using var apiGatewayFunctions = options.ApiGateway.Functions;
            await using var server = new LocalAuthorizerServer(engine, options);
            if (parse.GetValue(caOut) is string caPath)
            {
                FileInput.WriteText(caPath, SelfSignedCertificate.ToPem(server.Certificate), force: true, privateFile: false);
            }

            ServerEndpoints endpoints = await server.StartAsync(ct);
            ctx.Out.WriteLine($"deviceauth serve: custom-authorizer endpoint on https://{endpoints.Https} (POST /topics/{{topic}}, POST /authorizer/{{name}}/test, GET /stats; authorizer API: /authorizer/{{name}}, /authorizers/, /default-authorizer)");
            if (endpoints.Mqtt != null)
            {
                ctx.Out.WriteLine($"  MQTT over TLS on {endpoints.Mqtt}, relaying authorized connections to {brokerEndPoint}");
            }
            else
            {
                ctx.Out.WriteLine("  no MQTT listener (give --broker HOST:PORT to relay to a real broker)");
            }

            if (authorizers.Count == 0)
            {
                ctx.Out.WriteLine("  no authorizers yet: create them with the authorizer API (aws iot create-authorizer --endpoint-url ...)");
            }

            foreach (var a in authorizers)
            {
                ctx.Out.WriteLine($"  authorizer '{a.AuthorizerName}': {(a.IsActive ? "ACTIVE" : "INACTIVE")}, tokenKeyName {a.TokenKeyName ?? "(none)"}, " +
                    (a.SignatureRequired ? $"signature checked with {a.ParsedKeys.Count} key(s) ({string.Join(", ", a.ParsedKeys.Select(k => k.Key))})" : "signing disabled") +
                    $", enableCachingForHttp {a.CachingForHttp.ToString().ToLowerInvariant()}{(a.AuthorizerName == engine.DefaultAuthorizerName ? ", default" : string.Empty)}");
            }

            ctx.Out.WriteLine(engine.Functions.Default is DeviceAuth.LocalCloud.Functions.ILambdaFunction code
                ? $"  function: Lambda code {code.Name} under Node.js (5 s timeout)"
                : $"  function: {fn.Description}");
            ApiGatewaySetup.Describe(ctx.Out, options.ApiGateway, endpoints);
            ctx.Out.WriteLine(parse.GetValue(duration) is int d ? $"  stopping after {d} s" : "  Ctrl+C to stop");
            ctx.Out.Flush();
            ctx.ServerStarted?.Invoke(endpoints);
            try
            {
                if (parse.GetValue(duration) is int seconds)
                {
                    await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
                }
                else
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
            }
            catch (OperationCanceledException)
            {
            }

            ctx.Out.WriteLine("stats: " + CliJson.Compact(server.StatsJson()));
            ctx.Out.WriteLine("apigateway stats: " + CliJson.Compact(options.ApiGateway.DataPlane.Stats.ToJson()));

            // Stopped by a signal (Ctrl+C, SIGTERM) rather than by --duration: say so in the exit code.
            return ct.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<IPEndPoint> ParseEndPoint(string value, CancellationToken ct)
    {
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], out int port) || port is < 1 or > 65535)
        {
            throw CliException.Invalid("--broker expects HOST:PORT");
        }

        string host = value[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out IPAddress ip))
        {
            return new IPEndPoint(ip, port);
        }

        try
        {
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(host, ct);
            return new IPEndPoint(addresses.First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            throw CliException.Env($"cannot resolve broker host '{host}'");
        }
    }
}
