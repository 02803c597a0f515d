using System.CommandLine;
using System.Globalization;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.LocalCloud.Verification;

namespace DeviceAuth.Cli.Commands;

/// <summary><c>deviceauth verify</c>: would the service accept these credentials, and if not, precisely why.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext ctx)
    {
        var setup = new AuthorizerSetup();
        var username = new Option<string>("--mqtt-username") { Description = "The MQTT username exactly as the device sends it (with its '?...' custom-auth parameters)." };
        var password = new Option<string>("--mqtt-password") { Description = "The MQTT password as text (UTF-8)." };
        var passwordB64 = new Option<string>("--mqtt-password-base64") { Description = "The MQTT password bytes as Base64." };
        var clientId = new Option<string>("--client-id") { Description = "The MQTT client id.", DefaultValueFactory = _ => "device" };
        var headers = new Option<string[]>("--header", "-H") { Description = "An HTTP header as 'Name: value'. Repeatable." };
        var query = new Option<string>("--query") { Description = "The HTTP query string as sent (percent-encoded), with or without the leading '?', or a whole URL." };
        var serverName = new Option<string>("--server-name") { Description = "The TLS SNI the device sends." };
        var port = new Option<int?>("--port") { Description = "The port the device connects to (443 triggers the ALPN/SNI check for MQTT)." };
        var alpn = new Option<string>("--alpn") { Description = "The ALPN protocol the device offers ('mqtt'); omit for none (nanoFramework sends none)." };
        var domain = new Option<string>("--custom-auth-domain") { Description = "The endpoint's CUSTOM_AUTH domain configuration name, if any." };
        var now = new Option<string>("--now") { Description = "Judge expiry at this instant (ISO 8601, e.g. 2026-01-01T00:00:00Z) instead of now." };
        var region = new Option<string>("--region") { Description = "Region for policy ARNs.", DefaultValueFactory = _ => "us-east-1" };
        var account = new Option<string>("--account") { Description = "Account id for policy ARNs.", DefaultValueFactory = _ => "123456789012" };
        var command = new Command("verify", "Check MQTT or HTTP credentials the way AWS IoT does (names, lengths, patterns, encoding, signature against the public keys, expiry of ds1/hm1/JWT tokens, ALPN/SNI on 443, optionally the function's answer and policy) and say precisely why the service would refuse them. Exit 0: accepted, 1: refused.")
        {
            username, password, passwordB64, clientId, headers, query, serverName, port, alpn, domain, now, region, account,
        };
        setup.AddTo(command);
        command.SetAction(parse =>
        {
            string mqttUsername = parse.GetValue(username);
            string[] headerValues = parse.GetValue(headers) ?? Array.Empty<string>();
            string queryValue = parse.GetValue(query);
            if (mqttUsername == null && headerValues.Length == 0 && queryValue == null)
            {
                throw CliException.Invalid("give the credentials to check: --mqtt-username (MQTT), or --header/--query (HTTP)");
            }

            if (mqttUsername != null && (headerValues.Length > 0 || queryValue != null))
            {
                throw CliException.Invalid("give either MQTT credentials (--mqtt-username) or HTTP ones (--header/--query), not both");
            }

            TimeProvider time = ctx.Time;
            if (parse.GetValue(now) is string at)
            {
                if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset instant))
                {
                    throw CliException.Invalid("--now must be an ISO 8601 instant, e.g. 2026-01-01T00:00:00Z");
                }

                time = new FixedTime(instant);
            }

            AuthorizationEngine engine = setup.Engine(parse, time, out _);
            using var functionCode = engine.Functions;
            byte[] passwordBytes = null;
            if (parse.GetValue(password) is string p)
            {
                passwordBytes = System.Text.Encoding.UTF8.GetBytes(p);
            }
            else if (parse.GetValue(passwordB64) is string pb)
            {
                try
                {
                    passwordBytes = Convert.FromBase64String(pb);
                }
                catch (FormatException)
                {
                    throw CliException.Invalid("--mqtt-password-base64 is not Base64");
                }
            }

            var headerPairs = new List<KeyValuePair<string, string>>();
            foreach (string h in headerValues)
            {
                int colon = h.IndexOf(':');
                if (colon <= 0)
                {
                    throw CliException.Invalid("--header expects 'Name: value'");
                }

                headerPairs.Add(new(h[..colon].Trim(), h[(colon + 1)..].Trim()));
            }

            if (queryValue != null)
            {
                int q = queryValue.IndexOf('?');
                if (queryValue.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || queryValue.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                {
                    queryValue = q < 0 ? string.Empty : queryValue[(q + 1)..];
                }
                else if (queryValue.StartsWith('?'))
                {
                    queryValue = queryValue[1..];
                }
            }

            bool mqtt = mqttUsername != null;
            var input = new VerifyInput
            {
                Protocol = mqtt ? "mqtt" : "http",
                MqttUsername = mqttUsername,
                MqttPassword = passwordBytes,
                ClientId = mqtt ? parse.GetValue(clientId) : null,
                Headers = headerPairs,
                Query = queryValue,
                ServerName = parse.GetValue(serverName),
                Port = parse.GetValue(port),
                Alpn = parse.GetValue(alpn),
                CustomAuthDomain = parse.GetValue(domain),
            };
            VerifyReport report = CredentialVerifier.Verify(input, engine, setup.FunctionGiven(parse), parse.GetValue(region), parse.GetValue(account));
            Print(ctx.Out, input, report);
            return report.Accepted ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    internal static void Print(TextWriter w, VerifyInput input, VerifyReport report)
    {
        w.WriteLine($"verify: {(input.Protocol == "mqtt" ? "MQTT CONNECT" : "HTTPS")} credentials, as AWS IoT custom authentication would judge them");
        foreach (VerifyCheck c in report.Checks)
        {
            string tag = !c.Ok ? "FAIL" : c.Pitfall == "info" ? "info" : "ok  ";
            string pitfall = !c.Ok && c.Pitfall != null ? $" [pitfall {c.Pitfall}]" : string.Empty;
            w.WriteLine($"  {tag}  {c.Text}{pitfall}");
        }

        if (report.Accepted)
        {
            w.WriteLine("ACCEPTED: the service would accept these credentials" + (report.Decision?.Response?.PrincipalId is string p ? $" (principal {p})." : "."));
        }
        else
        {
            w.WriteLine($"REFUSED ({report.Reason}{(report.Pitfall != null ? ", pitfall " + report.Pitfall + " of CUSTOM-AUTH.md" : string.Empty)}): {report.Detail}");
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
