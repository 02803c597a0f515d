using System.CommandLine;
using DeviceAuth.LocalCloud.ApiGateway;
using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.Cli.Commands;

/// <summary>
/// <c>deviceauth apigateway issuer</c>: the OpenID discovery document and the JWKS of device keys that a
/// JWT authorizer's issuer publishes, written to a folder to upload to the issuer URL.
/// </summary>
internal static class ApiGatewayIssuerCommand
{
    public static Command Create(CliContext ctx)
    {
        var issuer = new Option<string>("--issuer") { Description = "The issuer URL: https, exactly the tokens' iss and the authorizer's JwtConfiguration.Issuer.", Required = true };
        var keys = new Option<string[]>("--public-key") { Description = "A device public key (SPKI PEM, RSA >= 2048) as FILE (kid = its RFC 7638 thumbprint, what JwkThumbprint.ForRsaKey gives the device) or KID=FILE (kid as the device's JwtOptions.KeyId). Repeatable.", Required = true };
        var output = new Option<string>("--out") { Description = "The folder to write (.well-known/openid-configuration and .well-known/jwks.json); upload its contents to the issuer URL.", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite existing files." };
        var command = new Command("issuer", "Write the OpenID discovery document and the JWKS (RS256 keys from device public keys) a JWT authorizer's issuer serves at <issuer>/.well-known/openid-configuration and <issuer>/.well-known/jwks.json.")
        {
            issuer, keys, output, force,
        };
        command.SetAction(parse =>
        {
            string url = parse.GetValue(issuer);
            if (AuthorizerRules.IssuerProblem(url) is string problem)
            {
                throw CliException.Invalid("--issuer: " + problem);
            }

            var set = new JsonWebKeySet();
            var lines = new List<string>();
            foreach (string value in parse.GetValue(keys))
            {
                var (kid, file) = File.Exists(value) ? (null, value) : AuthorizerCommands.SplitPair(value, "--public-key", "FILE or KID=FILE");
                var (_, _, rsa) = PublicKeyPem.Parse(FileInput.ReadText(file, "public key"), file);
                lines.Add($"  kid {set.Add(rsa, kid)}  <- {file}");
            }

            var documents = new OpenIdIssuer(url, set);
            string folder = parse.GetValue(output);
            // FileInput creates the .well-known folders, with its error messages.
            documents.WriteTo(folder, (path, text) => FileInput.WriteText(path, text, parse.GetValue(force), privateFile: false));
            ctx.Out.WriteLine($"wrote {Path.Combine(folder, OpenIdIssuer.DiscoveryPath)} and {Path.Combine(folder, OpenIdIssuer.JwksPath)} ({set.KeyIds.Count} key(s)):");
            lines.ForEach(ctx.Out.WriteLine);
            ctx.Out.WriteLine($"Host the folder's contents so that {documents.DiscoveryUrl} and {documents.JwksUri} answer over HTTPS with a publicly trusted certificate (docs/apigateway.md); devices put the kid in their JWT header (JwtOptions.KeyId).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
