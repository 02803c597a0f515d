using System.CommandLine;
using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.Cli.Commands;

/// <summary>The authorizer options shared by serve and verify: CreateAuthorizer JSON files, or one authorizer described inline.</summary>
internal sealed class AuthorizerSetup
{
    public Option<string[]> Files { get; } = new("--authorizer") { Description = "A CreateAuthorizer JSON file (as written by `authorizer create-json`). Repeatable." };

    public Option<string> Name { get; } = new("--authorizer-name") { Description = "Without --authorizer: the name of the one authorizer defined inline.", DefaultValueFactory = _ => CliDefaults.AuthorizerName };

    public Option<string> TokenKeyName { get; } = new("--token-key-name") { Description = "Without --authorizer: its tokenKeyName.", DefaultValueFactory = _ => CliDefaults.TokenKeyName };

    public Option<string[]> PublicKeys { get; } = new("--public-key") { Description = "Without --authorizer: a tokenSigningPublicKeys entry NAME=FILE (SPKI PEM). Repeatable." };

    public Option<bool> SigningDisabled { get; } = new("--signing-disabled") { Description = "Without --authorizer: signingDisabled = true (no signature check)." };

    public Option<bool> Caching { get; } = new("--enable-caching-for-http") { Description = "Without --authorizer: enableCachingForHttp = true." };

    public Option<bool> Inactive { get; } = new("--inactive") { Description = "Without --authorizer: status INACTIVE." };

    public Option<string> Function { get; } = new("--function") { Description = "The authorizer function (Lambda stand-in) as a JSON rules file (docs/cli.md). Default: allow every caller that got past the service's checks." };

    public Option<string> DefaultAuthorizer { get; } = new("--default-authorizer") { Description = "The endpoint's default authorizer (used when no name is sent)." };

    public Option<bool> NoOverride { get; } = new("--no-authorizer-override") { Description = "allowAuthorizerOverride = false: requests naming another authorizer get the default." };

    public Option<bool> ShortDurations { get; } = new("--test-allow-short-durations") { Description = "TESTING ONLY: accept refreshAfterInSeconds/disconnectAfterInSeconds below the service's minimum of 300 (down to 1)." };

    /// <summary>True (serve): without --authorizer, --public-key or --signing-disabled the store starts empty, for the authorizer API to fill.</summary>
    public bool AllowNone { get; init; }

    /// <summary>--function-code and its environment: the authorizer's Lambda code instead of the built-in rules.</summary>
    public FunctionCodeOptions FunctionCode { get; } = new();

    /// <summary>Where the function code's log lines go (serve: its log; null: dropped).</summary>
    public Action<string> FunctionLog { get; set; }

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Files, Name, TokenKeyName, PublicKeys, SigningDisabled, Caching, Inactive, Function, DefaultAuthorizer, NoOverride, ShortDurations }.Concat(FunctionCode.All))
        {
            command.Options.Add(o);
        }
    }

    /// <summary>True when a function (rules file or code) was given, so its answer is part of the verdict.</summary>
    public bool FunctionGiven(ParseResult parse) => parse.GetValue(Function) != null || FunctionCode.Given(parse);

    public List<AuthorizerDefinition> Authorizers(ParseResult parse)
    {
        var authorizers = new List<AuthorizerDefinition>();
        foreach (string file in parse.GetValue(Files) ?? Array.Empty<string>())
        {
            authorizers.Add(AuthorizerDefinition.FromJson(FileInput.ReadText(file, "authorizer"), file));
        }

        if (authorizers.Count > 0)
        {
            if (authorizers.Select(a => a.AuthorizerName).Distinct().Count() != authorizers.Count)
            {
                throw CliException.Invalid("two --authorizer files define the same authorizerName");
            }

            return authorizers;
        }

        if (AllowNone && (parse.GetValue(PublicKeys) ?? Array.Empty<string>()).Length == 0 && !parse.GetValue(SigningDisabled))
        {
            return authorizers;
        }

        var def = new AuthorizerDefinition
        {
            AuthorizerName = parse.GetValue(Name),
            AuthorizerFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:" + CliDefaults.AuthorizerName,
            TokenKeyName = parse.GetValue(TokenKeyName),
            SigningDisabled = parse.GetValue(SigningDisabled),
            EnableCachingForHttp = parse.GetValue(Caching),
            Status = parse.GetValue(Inactive) ? "INACTIVE" : "ACTIVE",
        };
        foreach (string pair in parse.GetValue(PublicKeys) ?? Array.Empty<string>())
        {
            var (k, f) = AuthorizerCommands.SplitPair(pair, "--public-key", "NAME=FILE");
            def.AddPublicKey(k, FileInput.ReadText(f, "public key"), f);
        }

        if (def.SignatureRequired && def.TokenSigningPublicKeys.Count == 0)
        {
            throw CliException.Invalid("give --authorizer FILE, or --public-key NAME=FILE (or --signing-disabled) for the inline authorizer");
        }

        try
        {
            def.Validate(forCreate: true);
        }
        catch (DeviceAuth.LocalCloud.LocalCloudException e) when (InlineOption(e.Message) is string option)
        {
            // The inline authorizer's fields come from options: name the option the user typed.
            throw CliException.Invalid($"{option}: {e.Message}");
        }

        authorizers.Add(def);
        return authorizers;
    }

    private static string InlineOption(string message) =>
        message.StartsWith("authorizerName", StringComparison.Ordinal) ? "--authorizer-name"
        : message.StartsWith("tokenKeyName", StringComparison.Ordinal) ? "--token-key-name"
        : null;

    public AuthorizerFunction LoadFunction(ParseResult parse) =>
        parse.GetValue(Function) is string file ? AuthorizerFunction.Parse(FileInput.ReadText(file, "authorizer function"), file) : AuthorizerFunction.AllowAll();

    public AuthorizationEngine Engine(ParseResult parse, TimeProvider time, out AuthorizerFunction function)
    {
        List<AuthorizerDefinition> authorizers = Authorizers(parse);
        function = LoadFunction(parse);
        var engine = new AuthorizationEngine(authorizers, function, time, parse.GetValue(DefaultAuthorizer), !parse.GetValue(NoOverride), parse.GetValue(ShortDurations) ? 1 : ServiceLimits.SessionSecondsMin);
        FunctionCode.Apply(parse, engine, time, FunctionLog);
        return engine;
    }
}
