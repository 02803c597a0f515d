using System.CommandLine;
using DeviceAuth.LocalCloud.Functions;
using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.Cli.Commands;

/// <summary>
/// <c>--function-code</c>, <c>--function-env</c>, <c>--function-env-file</c>: run the authorizer's
/// real Lambda code (e.g. lambdas/iot-custom-authorizer.mjs) under Node.js instead of the built-in
/// rules, with the environment variables it would have in AWS, for every authorizer or for one
/// authorizerFunctionArn.
/// </summary>
internal sealed class FunctionCodeOptions
{
    public Option<string[]> Code { get; } = new("--function-code")
    {
        Description = "Run this Lambda handler module under Node.js as the authorizer function: PATH[#EXPORT] for every authorizer, or FUNCTION_ARN=PATH[#EXPORT] for the authorizers with that authorizerFunctionArn (EXPORT defaults to 'handler'). Repeatable. E.g. lambdas/iot-custom-authorizer.mjs.",
    };

    public Option<string[]> Env { get; } = new("--function-env") { Description = "An environment variable of the function code, NAME=VALUE (its configuration, see lambdas/README.md). Repeatable." };

    public Option<string> EnvFile { get; } = new("--function-env-file") { Description = "A file of NAME=VALUE lines ('#' comments) for the function code's environment; keeps secrets off the command line." };

    public IEnumerable<Option> All => new Option[] { Code, Env, EnvFile };

    public bool Given(ParseResult parse) => (parse.GetValue(Code) ?? Array.Empty<string>()).Length > 0;

    /// <summary>Maps the given code into <paramref name="engine"/>'s function registry.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="engine">The engine whose authorizers run the code.</param>
    /// <param name="time">The clock the code reads (a virtual or fixed clock is passed to Date.now()).</param>
    /// <param name="log">Receives the code's log lines; null drops them.</param>
    public void Apply(ParseResult parse, AuthorizationEngine engine, TimeProvider time, Action<string> log)
    {
        var environment = ReadEnvironment(parse);
        foreach (string spec in parse.GetValue(Code) ?? Array.Empty<string>())
        {
            int eq = spec.StartsWith("arn:", StringComparison.Ordinal) ? spec.IndexOf('=') : -1;
            string arn = eq > 0 ? spec[..eq] : null;
            string path = eq > 0 ? spec[(eq + 1)..] : spec;
            int hash = path.LastIndexOf('#');
            string export = hash > 0 ? path[(hash + 1)..] : "handler";
            path = hash > 0 ? path[..hash] : path;
            var function = new NodeLambdaFunction(path, export, TimeSpan.FromSeconds(5))
            {
                Clock = time == TimeProvider.System ? null : time,
                Log = log == null ? null : line => log($"[{Path.GetFileName(path)}] {line}"),
            };
            if (arn != null)
            {
                if (!ServiceLimits.LambdaFunctionArnPattern().IsMatch(arn))
                {
                    throw CliException.Invalid($"--function-code: '{arn}' is not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)");
                }

                function.FunctionArn = arn;
            }

            foreach (var (name, value) in environment)
            {
                function.Environment[name] = value;
            }

            if (arn != null)
            {
                engine.Functions.Map(arn, function);
            }
            else
            {
                engine.Functions.Default = function;
            }
        }
    }

    private Dictionary<string, string> ReadEnvironment(ParseResult parse)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new List<(string Line, string Origin)>();
        if (parse.GetValue(EnvFile) is string file)
        {
            int n = 0;
            foreach (string line in FileInput.ReadText(file, "function environment").Split('\n'))
            {
                n++;
                string trimmed = line.TrimEnd('\r').Trim();
                if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
                {
                    lines.Add((trimmed, $"{file} line {n}"));
                }
            }
        }

        foreach (string pair in parse.GetValue(Env) ?? Array.Empty<string>())
        {
            lines.Add((pair, "--function-env"));
        }

        foreach (var (line, origin) in lines)
        {
            int eq = line.IndexOf('=');
            if (eq <= 0 || !System.Text.RegularExpressions.Regex.IsMatch(line[..eq], "^[A-Za-z_][A-Za-z0-9_]*$"))
            {
                throw CliException.Invalid($"{origin}: expected NAME=VALUE with NAME of letters, digits and '_'");
            }

            environment[line[..eq]] = line[(eq + 1)..];
        }

        return environment;
    }
}
