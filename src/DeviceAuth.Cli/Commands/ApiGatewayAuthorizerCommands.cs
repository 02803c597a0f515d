using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeviceAuth.LocalCloud.ApiGateway;

namespace DeviceAuth.Cli.Commands;

/// <summary>
/// <c>deviceauth apigateway create-json|update-json</c>: CreateAuthorizer / UpdateAuthorizer input for
/// <c>aws apigatewayv2 create-authorizer|update-authorizer --cli-input-json file://...</c>, checked
/// against every rule of <see cref="AuthorizerRules"/> before anything is written.
/// </summary>
internal static class ApiGatewayAuthorizerCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed class AuthorizerOptions
    {
        public Option<string> ApiId { get; } = new("--api-id") { Description = "ApiId (or pass --api-id to the aws command instead)." };
        public Option<string> Name { get; } = new("--name") { Description = "Name (1-128 characters)." };
        public Option<string> Type { get; } = new("--type") { Description = "AuthorizerType: JWT (API Gateway checks the token against the issuer's JWKS) or REQUEST (a Lambda function decides)." };
        public Option<string[]> IdentitySource { get; } = new("--identity-source") { Description = "An IdentitySource entry ($request.header.NAME, $request.querystring.NAME, $context.VAR, $stageVariables.NAME). Repeatable. JWT: exactly one header or query entry; default $request.header.Authorization." };
        public Option<string> Issuer { get; } = new("--issuer") { Description = "JWT: JwtConfiguration.Issuer, the https URL in the tokens' iss claim (API Gateway fetches <issuer>/.well-known/openid-configuration)." };
        public Option<string[]> Audience { get; } = new("--audience") { Description = "JWT: a JwtConfiguration.Audience entry (matched against aud, or client_id without aud). Repeatable." };
        public Option<string> FunctionArn { get; } = new("--function-arn") { Description = "REQUEST: the authorizer Lambda's ARN; AuthorizerUri is built from it." };
        public Option<string> Uri { get; } = new("--authorizer-uri") { Description = "REQUEST: AuthorizerUri as is (instead of --function-arn)." };
        public Option<string> CredentialsArn { get; } = new("--credentials-arn") { Description = "REQUEST: AuthorizerCredentialsArn, an IAM role API Gateway assumes to invoke the function (omit to use the function's resource policy)." };
        public Option<string> PayloadVersion { get; } = new("--payload-format-version") { Description = "REQUEST: AuthorizerPayloadFormatVersion, 1.0 or 2.0 (create-json default 2.0)." };
        public Option<int?> Ttl { get; } = new("--ttl") { Description = "REQUEST: AuthorizerResultTtlInSeconds, 0 (no caching) to 3600; the identity-source values are the cache key." };
        public Option<string> Output { get; } = new("--output", "-o") { Description = "Write the JSON to this file instead of standard output." };
        public Option<bool> Force { get; } = new("--force") { Description = "Overwrite the --output file." };

        public void AddTo(Command command)
        {
            foreach (Option o in new Option[] { ApiId, Name, Type, IdentitySource, Issuer, Audience, FunctionArn, Uri, CredentialsArn, PayloadVersion, Ttl, Output, Force })
            {
                command.Options.Add(o);
            }
        }

        public HttpApiAuthorizer Read(ParseResult parse)
        {
            if (parse.GetValue(FunctionArn) != null && parse.GetValue(Uri) != null)
            {
                throw CliException.Invalid("give --function-arn or --authorizer-uri, not both");
            }

            string issuer = parse.GetValue(Issuer);
            string[] audience = Given(parse.GetValue(Audience));
            return new HttpApiAuthorizer
            {
                ApiId = parse.GetValue(ApiId),
                Name = parse.GetValue(Name),
                AuthorizerType = parse.GetValue(Type),
                IdentitySource = Given(parse.GetValue(IdentitySource))?.ToList(),
                HasJwtConfiguration = issuer != null || audience != null,
                JwtIssuer = issuer,
                JwtAudience = audience?.ToList(),
                AuthorizerUri = parse.GetValue(FunctionArn) is string arn ? LambdaAuthorizerUri.ForFunction(arn) : parse.GetValue(Uri),
                AuthorizerCredentialsArn = parse.GetValue(CredentialsArn),
                AuthorizerPayloadFormatVersion = parse.GetValue(PayloadVersion),
                AuthorizerResultTtlInSeconds = parse.GetValue(Ttl),
            };
        }
    }

    // System.CommandLine gives an empty array for a repeatable option that was not given.
    private static string[] Given(string[] values) => values is { Length: > 0 } ? values : null;

    public static Command CreateJson(CliContext ctx)
    {
        var o = new AuthorizerOptions();
        o.Name.Required = true;
        o.Type.Required = true;
        o.Type.AcceptOnlyFromAmong("JWT", "REQUEST");
        o.PayloadVersion.AcceptOnlyFromAmong("1.0", "2.0");
        var simple = new Option<bool>("--enable-simple-responses") { Description = "REQUEST, payload 2.0: EnableSimpleResponses (the function returns {\"isAuthorized\": bool} instead of an IAM policy)." };
        var command = new Command("create-json", "Write a validated CreateAuthorizer input (use with: aws apigatewayv2 create-authorizer --cli-input-json file://FILE).") { simple };
        o.AddTo(command);
        command.SetAction(parse =>
        {
            HttpApiAuthorizer a = o.Read(parse);
            if (a.IsJwt)
            {
                a.IdentitySource ??= new List<string> { "$request.header.Authorization" };
            }
            else
            {
                a.IdentitySource ??= new List<string>();
                a.AuthorizerPayloadFormatVersion ??= "2.0";
                a.EnableSimpleResponses = parse.GetValue(simple) ? true : null;
            }

            AuthorizerRules.Check(a, complete: true);
            AuthorizerCommands.Emit(ctx, a.ToJson(MemberNaming.Shape).ToJsonString(Indented) + "\n", parse.GetValue(o.Output), parse.GetValue(o.Force));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command UpdateJson(CliContext ctx)
    {
        var o = new AuthorizerOptions();
        o.Type.AcceptOnlyFromAmong("JWT", "REQUEST");
        o.PayloadVersion.AcceptOnlyFromAmong("1.0", "2.0");
        var id = new Option<string>("--authorizer-id") { Description = "AuthorizerId (or pass --authorizer-id to the aws command instead)." };
        var simple = new Option<bool?>("--enable-simple-responses") { Description = "REQUEST: EnableSimpleResponses true or false." };
        var command = new Command("update-json", "Write a validated UpdateAuthorizer input (use with: aws apigatewayv2 update-authorizer --cli-input-json file://FILE). Only the members given change.") { id, simple };
        o.AddTo(command);
        command.SetAction(parse =>
        {
            HttpApiAuthorizer a = o.Read(parse);
            a.AuthorizerId = parse.GetValue(id);
            a.EnableSimpleResponses = parse.GetValue(simple);
            var members = a.ToJson(MemberNaming.Shape);
            members.Remove("ApiId");
            members.Remove("AuthorizerId");
            if (members.Count == 0)
            {
                throw CliException.Invalid("nothing to update: give at least one of --name, --type, --identity-source, --issuer, --audience, --function-arn, --authorizer-uri, --credentials-arn, --payload-format-version, --ttl, --enable-simple-responses");
            }

            AuthorizerRules.Check(a, complete: false);
            AuthorizerCommands.Emit(ctx, a.ToJson(MemberNaming.Shape).ToJsonString(Indented) + "\n", parse.GetValue(o.Output), parse.GetValue(o.Force));
            return ExitCodes.Ok;
        });
        return command;
    }
}
