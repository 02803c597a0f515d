using System.CommandLine;

namespace DeviceAuth.Cli.Commands;

/// <summary><c>deviceauth apigateway ...</c>: the cloud half of API Gateway HTTP API authorizers (authorizer input, the JWT issuer's documents).</summary>
internal static class ApiGatewayCommands
{
    public static Command Create(CliContext ctx)
    {
        var group = new Command("apigateway", "API Gateway HTTP API authorizers: CreateAuthorizer / UpdateAuthorizer input for `aws apigatewayv2 ... --cli-input-json`, and the OpenID discovery document + JWKS a JWT authorizer's issuer publishes.");
        group.Subcommands.Add(ApiGatewayAuthorizerCommands.CreateJson(ctx));
        group.Subcommands.Add(ApiGatewayAuthorizerCommands.UpdateJson(ctx));
        group.Subcommands.Add(ApiGatewayIssuerCommand.Create(ctx));
        return group;
    }
}
