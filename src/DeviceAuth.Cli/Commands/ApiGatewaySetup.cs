using System.CommandLine;
using DeviceAuth.LocalCloud.ApiGateway;
using DeviceAuth.LocalCloud.Functions;
using DeviceAuth.LocalCloud.Server;

namespace DeviceAuth.Cli.Commands;

/// <summary>The local API Gateway of <c>serve</c>: its options, construction and the lines that describe it.</summary>
internal sealed class ApiGatewaySetup
{
    public Option<string[]> Issuers { get; } = new("--jwt-issuer") { Description = "An issuer folder written by `apigateway issuer`: local JWT authorizers whose Issuer matches check tokens against its JWKS. Repeatable." };

    public Option<string[]> Functions { get; } = new("--apigateway-function") { Description = "A REQUEST authorizer's Lambda code run under Node.js: FUNCTION=PATH[#EXPORT], FUNCTION being the function name or ARN in the authorizer's AuthorizerUri (EXPORT defaults to 'handler'). Repeatable. E.g. device-request-authorizer=lambdas/apigw-request-authorizer.mjs." };

    public Option<string[]> FunctionEnv { get; } = new("--apigateway-function-env") { Description = "An environment variable NAME=VALUE of every --apigateway-function (its configuration, see lambdas/README.md). Repeatable." };

    public void AddTo(Command command)
    {
        command.Options.Add(Issuers);
        command.Options.Add(Functions);
        command.Options.Add(FunctionEnv);
    }

    public LocalApiGateway Create(ParseResult parse, TimeProvider time, string region, string account)
    {
        var gateway = new LocalApiGateway(time, region, account);
        foreach (string folder in parse.GetValue(Issuers) ?? Array.Empty<string>())
        {
            gateway.AddIssuer(OpenIdIssuer.Load(folder));
        }

        var environment = (parse.GetValue(FunctionEnv) ?? Array.Empty<string>()).Select(e => AuthorizerCommands.SplitPair(e, "--apigateway-function-env", "NAME=VALUE")).ToArray();
        foreach (string spec in parse.GetValue(Functions) ?? Array.Empty<string>())
        {
            int eq = spec.IndexOf('=');
            if (eq <= 0)
            {
                throw CliException.Invalid("--apigateway-function expects FUNCTION=PATH[#EXPORT]");
            }

            string path = spec[(eq + 1)..];
            int hash = path.LastIndexOf('#');
            var function = new NodeLambdaFunction(hash > 0 ? path[..hash] : path, hash > 0 ? path[(hash + 1)..] : "handler", TimeSpan.FromSeconds(10))
            {
                Clock = time == TimeProvider.System ? null : time,
            };
            foreach (var (name, value) in environment)
            {
                function.Environment[name] = value;
            }

            gateway.Functions.Register(spec[..eq], function);
        }

        return gateway;
    }

    public static void Describe(TextWriter output, LocalApiGateway gateway, ServerEndpoints endpoints)
    {
        int port = endpoints.Https.Port;
        output.WriteLine($"  API Gateway control plane on https://{endpoints.Https}/v2/apis (aws --endpoint-url https://{endpoints.Https} --no-verify-ssl apigatewayv2 ...)");
        output.WriteLine($"  HTTP APIs at https://<api-id>.execute-api.localhost:{port}/ (the Host header selects the API)");
        foreach (string function in gateway.Functions.Names)
        {
            output.WriteLine($"  REQUEST authorizer function {function}: Lambda code under Node.js");
        }

        foreach (OpenIdIssuer issuer in gateway.Issuers)
        {
            output.WriteLine($"  JWT issuer {issuer.Issuer}: {issuer.Keys.KeyIds.Count} key(s) ({string.Join(", ", issuer.Keys.KeyIds)})");
        }
    }
}
