using System.CommandLine;

namespace DeviceAuth.Cli.Commands;

internal static class VerifyCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("verify", "(not yet available)");
        command.SetAction(new Func<ParseResult, int>(_ => throw CliException.Env("verify is not available yet")));
        return command;
    }
}
