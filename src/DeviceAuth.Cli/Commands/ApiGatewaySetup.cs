using System.CommandLine;
using DeviceAuth.LocalCloud.ApiGateway;
using DeviceAuth.LocalCloud.Server;

namespace DeviceAuth.Cli.Commands;

/// <summary>The local API Gateway of <c>serve</c>: its options, construction and the lines that describe it.</summary>
internal sealed class ApiGatewaySetup
{
    public Option<string[]> Issuers { get; } = new("--jwt-issuer") { Description = "An issuer folder written by `apigateway issuer`: local JWT authorizers whose Issuer matches check tokens against its JWKS. Repeatable." };

    public void AddTo(Command command) => command.Options.Add(Issuers);

    public LocalApiGateway Create(ParseResult parse, TimeProvider time, string region, string account)
    {
        var gateway = new LocalApiGateway(time, region, account);
        foreach (string folder in parse.GetValue(Issuers) ?? Array.Empty<string>())
        {
            gateway.AddIssuer(OpenIdIssuer.Load(folder));
        }

        return gateway;
    }

    public static void Describe(TextWriter output, LocalApiGateway gateway, ServerEndpoints endpoints)
    {
        int port = endpoints.Https.Port;
        output.WriteLine($"  API Gateway control plane on https://{endpoints.Https}/v2/apis (aws --endpoint-url https://{endpoints.Https} --no-verify-ssl apigatewayv2 ...)");
        output.WriteLine($"  HTTP APIs at https://<api-id>.execute-api.localhost:{port}/ (the Host header selects the API)");
        foreach (OpenIdIssuer issuer in gateway.Issuers)
        {
            output.WriteLine($"  JWT issuer {issuer.Issuer}: {issuer.Keys.KeyIds.Count} key(s) ({string.Join(", ", issuer.Keys.KeyIds)})");
        }
    }
}
