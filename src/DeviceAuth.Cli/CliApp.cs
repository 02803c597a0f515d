using System.CommandLine;
using System.CommandLine.Help;
using DeviceAuth.Cli.Commands;
using DeviceAuth.LocalCloud;

namespace DeviceAuth.Cli;

/// <summary>Builds the command tree and runs one command line with uniform error handling and exit codes.</summary>
public static class CliApp
{
    /// <summary>The tool's name, as installed (<c>ToolCommandName</c>) and as help and errors show it.</summary>
    public const string ToolName = "deviceauth";

    /// <summary>Builds the root command bound to <paramref name="context"/>.</summary>
    /// <param name="context">Streams and clock the commands use.</param>
    public static Command BuildRoot(CliContext context)
    {
        // A plain command named after the tool: a RootCommand takes its name from the running
        // executable (DeviceAuth.Cli.dll, or the test host), and help would show that name.
        var root = new Command(
            ToolName,
            "deviceauth: provision, mint, verify and serve AWS IoT custom-authorizer credentials exactly as a DeviceAuth.nano device produces them.\n" +
            "Start with `deviceauth demo`. Exit codes: 0 ok, 1 refused/check failed, 2 usage, 3 invalid input, 4 environment, 5 internal, 130 interrupted (Ctrl+C), 143 terminated (SIGTERM).");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Subcommands.Add(KeygenCommand.Create(context));
        root.Subcommands.Add(AuthorizerCommands.Create(context));
        root.Subcommands.Add(ApiGatewayCommands.Create(context));
        root.Subcommands.Add(TokenCommand.Create(context));
        root.Subcommands.Add(TestInvokeCommand.Create(context));
        root.Subcommands.Add(VerifyCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        return root;
    }

    /// <summary>Runs one command line. Never throws: every failure becomes a one-line message on the error stream and an exit code.</summary>
    /// <param name="args">The arguments (without the program name).</param>
    /// <param name="context">Streams and clock.</param>
    /// <param name="cancellationToken">Stops long-running commands (serve, demo).</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            Command root = BuildRoot(context);
            ParseResult parse = root.Parse(args);
            var config = new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Err,
                EnableDefaultExceptionHandler = false,
            };
            if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
            {
                foreach (var error in parse.Errors)
                {
                    await context.Err.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
                }

                string commandPath = CommandPath(parse.CommandResult.Command);
                await context.Err.WriteLineAsync($"Run '{commandPath} --help' for usage.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            context.Err.WriteLine("error: " + e.Message);
            return e.ExitCode;
        }
        catch (LocalCloudException e)
        {
            context.Err.WriteLine("error: " + e.Message);
            return e.Kind == LocalCloudErrorKind.Environment ? ExitCodes.Environment : ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Err.WriteLine("interrupted.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            context.Err.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message}");
            if (System.Environment.GetEnvironmentVariable("DEVICEAUTH_DEBUG") == "1")
            {
                context.Err.WriteLine(e.ToString());
            }
            else
            {
                context.Err.WriteLine("(this is a bug in deviceauth; set DEVICEAUTH_DEBUG=1 for details)");
            }

            return ExitCodes.Internal;
        }
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol s = command; s != null; s = s.Parents.FirstOrDefault())
        {
            names.Add(s.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
