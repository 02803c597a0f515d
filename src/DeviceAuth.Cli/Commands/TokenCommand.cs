using System.CommandLine;
using DeviceAuth.Cli.DeviceSide;

namespace DeviceAuth.Cli.Commands;

/// <summary>
/// <c>deviceauth token</c>: mint (and sign) one token exactly as the device would, and print it in
/// the forms the device sends it in (<see cref="TokenOutput"/>), all of that one token.
/// </summary>
internal static class TokenCommand
{
    public static Command Create(CliContext ctx)
    {
        var options = new TokenOptions();
        var target = new Option<string>("--for") { Description = "Whose authorizer: aws-iot (custom authorizer: MQTT, HTTP, TestInvokeAuthorizer) or apigateway-jwt (HTTP API JWT authorizer: a compact RS256 JWT, by default as Authorization: Bearer). Default: apigateway-jwt for --kind jwt --jwt-form compact without AWS IoT options, else aws-iot." };
        target.AcceptOnlyFromAmong("aws-iot", "apigateway-jwt");
        var format = new Option<string>("--format") { Description = "text (every form, for humans), json (every form of the one token, with the TestInvokeAuthorizer bodies), mqtt-username, mqtt-password (the password as text), mqtt-password-base64 (as mqttContext.password), http-headers ('Name: value' lines), http-query, curl-config (for `curl -K -`).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(TokenOutput.Formats);
        var command = new Command("token", "Mint and sign one token exactly as the device would (the library's token sources and composers): static, device-signed, JWT or HMAC, and print it with the MQTT username/password, HTTP headers, query string and TestInvokeAuthorizer bodies it becomes. The output is a live credential: keep it out of logs.")
        {
            target, format,
        };
        options.AddTo(command);
        command.Options.Add(options.IdentitySource);
        command.SetAction(parse =>
        {
            IClock clock = new ClockAdapter(ctx.Time);
            CredentialTarget forTarget = ResolveTarget(parse, options, target);
            string chosen = parse.GetValue(format);
            TokenOutput.CheckFormatFits(chosen, forTarget);
            DeviceCredentials credentials = forTarget == CredentialTarget.AwsIot
                ? DeviceCredentials.ForAwsIot(options, parse, clock)
                : DeviceCredentials.ForApiGatewayJwt(options, parse, clock);

            // Everything is composed before anything is printed: an error prints no half answer.
            ctx.Out.Write(TokenOutput.Render(credentials, chosen));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The target named by --for, else inferred: a compact JWT with no AWS IoT option is for an API
    /// Gateway JWT authorizer (AWS IoT would need --signing-disabled for it), anything else for AWS IoT.
    /// </summary>
    internal static CredentialTarget ResolveTarget(ParseResult parse, TokenOptions options, Option<string> target)
    {
        Option iotOption = options.IotOnly.FirstOrDefault(o => TokenOptions.Given(parse, o));
        switch (parse.GetValue(target))
        {
            case "aws-iot":
                if (TokenOptions.Given(parse, options.IdentitySource))
                {
                    throw CliException.Invalid("--identity-source is for --for apigateway-jwt: an AWS IoT authorizer reads the token under --token-key-name");
                }

                return CredentialTarget.AwsIot;
            case "apigateway-jwt":
                CheckApiGatewayJwt(parse, options, iotOption);
                return CredentialTarget.ApiGatewayJwt;
        }

        bool compactJwt = options.KindFor(parse, CredentialTarget.AwsIot) == "jwt" && parse.GetValue(options.JwtForm) == "compact";
        if ((compactJwt || TokenOptions.Given(parse, options.IdentitySource)) && iotOption == null)
        {
            CheckApiGatewayJwt(parse, options, null);
            return CredentialTarget.ApiGatewayJwt;
        }

        if (TokenOptions.Given(parse, options.IdentitySource))
        {
            throw CliException.Invalid($"--identity-source is for API Gateway JWT authorizers and {iotOption!.Name} for AWS IoT ones: give --for to say which");
        }

        return CredentialTarget.AwsIot;
    }

    private static void CheckApiGatewayJwt(ParseResult parse, TokenOptions options, Option iotOption)
    {
        if (iotOption != null)
        {
            throw CliException.Invalid($"{iotOption.Name} is an AWS IoT option: an API Gateway JWT authorizer reads only the JWT, from --identity-source ({DeviceAuth.Credentials.ApiGatewayJwtAuthorization.DefaultIdentitySource} by default)");
        }

        if (parse.GetValue(options.Kind) is string kind && kind != "jwt")
        {
            throw CliException.Invalid($"--for apigateway-jwt mints a JWT: use --kind jwt (or leave --kind out), not --kind {kind}");
        }

        if (parse.GetValue(options.JwtForm) == "aws-iot")
        {
            throw CliException.Invalid("an API Gateway JWT authorizer reads a compact JWT (header.payload.signature): use --jwt-form compact (or leave --jwt-form out)");
        }
    }
}
