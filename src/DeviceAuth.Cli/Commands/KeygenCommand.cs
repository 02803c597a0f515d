using System.CommandLine;
using System.Security.Cryptography;

namespace DeviceAuth.Cli.Commands;

/// <summary><c>deviceauth keygen</c>: an RSA key pair as PEM (PKCS#8 private key for the device, SPKI public key for tokenSigningPublicKeys).</summary>
internal static class KeygenCommand
{
    public static Command Create(CliContext ctx)
    {
        var bits = new Option<int>("--bits") { Description = "RSA modulus size: 2048, 3072 or 4096.", DefaultValueFactory = _ => 2048 };
        bits.AcceptOnlyFromAmong("2048", "3072", "4096");
        var privateOut = new Option<string>("--private-key") { Description = "Where to write the private key (PKCS#8 PEM, mode 600). It goes on the device only.", DefaultValueFactory = _ => "device.key.pem" };
        var publicOut = new Option<string>("--public-key") { Description = "Where to write the public key (SPKI PEM) for tokenSigningPublicKeys.", DefaultValueFactory = _ => "device.pub.pem" };
        var force = new Option<bool>("--force") { Description = "Overwrite existing files." };
        var command = new Command("keygen", "Generate an RSA key pair: the private key (PKCS#8 PEM) signs tokens on the device, the public key (SPKI PEM) goes into the authorizer's tokenSigningPublicKeys.")
        {
            bits, privateOut, publicOut, force,
        };
        command.SetAction(parse =>
        {
            int size = parse.GetValue(bits);
            string privatePath = parse.GetValue(privateOut);
            string publicPath = parse.GetValue(publicOut);
            bool overwrite = parse.GetValue(force);
            if (Path.GetFullPath(privatePath) == Path.GetFullPath(publicPath))
            {
                throw CliException.Invalid("--private-key and --public-key name the same file");
            }

            if (!overwrite)
            {
                foreach (string p in new[] { privatePath, publicPath })
                {
                    if (File.Exists(p))
                    {
                        throw CliException.Env($"{p} already exists; use --force to overwrite it");
                    }
                }
            }

            using RSA rsa = RSA.Create(size);
            string privatePem = rsa.ExportPkcs8PrivateKeyPem() + "\n";
            string publicPem = rsa.ExportSubjectPublicKeyInfoPem() + "\n";
            FileInput.WriteText(privatePath, privatePem, overwrite, privateFile: true);
            FileInput.WriteText(publicPath, publicPem, overwrite, privateFile: false);
            string fingerprint = Convert.ToHexStringLower(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()));
            ctx.Out.WriteLine($"RSA {size}-bit key pair written.");
            ctx.Out.WriteLine($"  private key (PKCS#8, mode 600, keep on the device): {privatePath}");
            ctx.Out.WriteLine($"  public key (SPKI, for tokenSigningPublicKeys):      {publicPath}");
            ctx.Out.WriteLine($"  public key SHA-256 (of the SPKI DER):               {fingerprint}");
            ctx.Out.WriteLine($"Next: deviceauth authorizer create-json --name <name> --function-arn <arn> --token-key-name <key> --public-key key1={publicPath}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
