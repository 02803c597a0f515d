using System.CommandLine;
using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.Cli.Commands;

/// <summary><c>deviceauth authorizer create-json|update-json</c>: CreateAuthorizer / UpdateAuthorizer request bodies for the AWS CLI's --cli-input-json.</summary>
internal static class AuthorizerCommands
{
    public static Command Create(CliContext ctx)
    {
        var group = new Command("authorizer", "AWS IoT custom-authorizer provisioning: request bodies for `aws iot create-authorizer|update-authorizer --cli-input-json file://...`.");
        group.Subcommands.Add(CreateJson(ctx));
        group.Subcommands.Add(UpdateJson(ctx));
        return group;
    }

    private static Option<string> NameOption() => new("--name") { Description = "authorizerName (1-128 of [A-Za-z0-9_=,@-]).", Required = true };

    private static Option<string[]> PublicKeyOption() => new("--public-key")
    {
        Description = "A tokenSigningPublicKeys entry as NAME=FILE (FILE: SPKI PEM, RSA >= 2048 bits). Repeat for key rotation.",
        AllowMultipleArgumentsPerToken = false,
    };

    private static Option<string> OutputOption() => new("--output", "-o") { Description = "Write the JSON to this file instead of standard output." };

    private static Option<bool> ForceOption() => new("--force") { Description = "Overwrite the --output file." };

    private static Command CreateJson(CliContext ctx)
    {
        var name = NameOption();
        var arn = new Option<string>("--function-arn") { Description = "authorizerFunctionArn: the authorizer Lambda's ARN.", Required = true };
        var tokenKey = new Option<string>("--token-key-name") { Description = "tokenKeyName: the header / query / username parameter that carries the token (1-128 of [a-zA-Z0-9_-])." };
        var keys = PublicKeyOption();
        var status = new Option<string>("--status") { Description = "ACTIVE or INACTIVE.", DefaultValueFactory = _ => "ACTIVE" };
        status.AcceptOnlyFromAmong("ACTIVE", "INACTIVE");
        var signingDisabled = new Option<bool>("--signing-disabled") { Description = "No signature check by the service (fixed at creation): the Lambda alone judges the credentials." };
        var caching = new Option<bool>("--enable-caching-for-http") { Description = "Cache the Lambda's result for refreshAfterInSeconds on keep-alive HTTP connections." };
        var tags = new Option<string[]>("--tag") { Description = "A tag as KEY=VALUE. Repeatable." };
        var output = OutputOption();
        var force = ForceOption();
        var command = new Command("create-json", "Write a validated CreateAuthorizer request body (use with: aws iot create-authorizer --cli-input-json file://FILE).")
        {
            name, arn, tokenKey, keys, status, signingDisabled, caching, tags, output, force,
        };
        command.SetAction(parse =>
        {
            var def = new AuthorizerDefinition
            {
                AuthorizerName = parse.GetValue(name),
                AuthorizerFunctionArn = parse.GetValue(arn),
                TokenKeyName = parse.GetValue(tokenKey),
                Status = parse.GetValue(status),
                SigningDisabled = parse.GetValue(signingDisabled),
                EnableCachingForHttp = parse.GetValue(caching),
            };
            AddKeys(def, parse.GetValue(keys));
            foreach (string tag in parse.GetValue(tags) ?? Array.Empty<string>())
            {
                var (k, v) = SplitPair(tag, "--tag", "KEY=VALUE");
                def.Tags.Add(new(k, v));
            }

            def.Validate(forCreate: true);
            Emit(ctx, def.ToJson(forCreate: true), parse.GetValue(output), parse.GetValue(force));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command UpdateJson(CliContext ctx)
    {
        var name = NameOption();
        var arn = new Option<string>("--function-arn") { Description = "New authorizerFunctionArn." };
        var tokenKey = new Option<string>("--token-key-name") { Description = "New tokenKeyName." };
        var keys = PublicKeyOption();
        keys.Description = "A tokenSigningPublicKeys entry as NAME=FILE. The service merges the keys given into the authorizer's map by name (a name given again gets the new key), at most 2 in all: rotate with key1=old key2=new, later key1=new.";
        var status = new Option<string>("--status") { Description = "ACTIVE or INACTIVE." };
        status.AcceptOnlyFromAmong("ACTIVE", "INACTIVE");
        var caching = new Option<bool?>("--enable-caching-for-http") { Description = "true or false." };
        var output = OutputOption();
        var force = ForceOption();
        var command = new Command("update-json", "Write a validated UpdateAuthorizer request body (use with: aws iot update-authorizer --cli-input-json file://FILE). signingDisabled and tags cannot be updated.")
        {
            name, arn, tokenKey, keys, status, caching, output, force,
        };
        command.SetAction(parse =>
        {
            var def = new AuthorizerDefinition
            {
                AuthorizerName = parse.GetValue(name),
                AuthorizerFunctionArn = parse.GetValue(arn),
                TokenKeyName = parse.GetValue(tokenKey),
                Status = parse.GetValue(status),
                EnableCachingForHttp = parse.GetValue(caching),
            };
            AddKeys(def, parse.GetValue(keys));
            if (def.AuthorizerFunctionArn == null && def.TokenKeyName == null && def.TokenSigningPublicKeys.Count == 0 && def.Status == null && def.EnableCachingForHttp == null)
            {
                throw CliException.Invalid("nothing to update: give at least one of --function-arn, --token-key-name, --public-key, --status, --enable-caching-for-http");
            }

            def.Validate(forCreate: false);
            Emit(ctx, def.ToJson(forCreate: false), parse.GetValue(output), parse.GetValue(force));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void AddKeys(AuthorizerDefinition def, string[] pairs)
    {
        foreach (string pair in pairs ?? Array.Empty<string>())
        {
            var (keyName, file) = SplitPair(pair, "--public-key", "NAME=FILE");
            if (file.Length == 0)
            {
                throw CliException.Invalid($"--public-key {keyName}=: the file name is missing");
            }

            def.AddPublicKey(keyName, FileInput.ReadText(file, "public key"), file);
        }
    }

    internal static (string Left, string Right) SplitPair(string value, string option, string shape)
    {
        int eq = value.IndexOf('=');
        if (eq <= 0)
        {
            throw CliException.Invalid($"{option} expects {shape}");
        }

        return (value[..eq], value[(eq + 1)..]);
    }

    internal static void Emit(CliContext ctx, string json, string outputPath, bool force)
    {
        if (outputPath == null)
        {
            ctx.Out.Write(json);
            return;
        }

        FileInput.WriteText(outputPath, json, force, privateFile: false);
        ctx.Err.WriteLine($"wrote {outputPath}");
    }
}
