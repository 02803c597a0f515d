using System.CommandLine;

namespace DeviceAuth.Cli.Commands;

internal static class TokenCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("token", "(not yet available)");
        command.SetAction(new Func<ParseResult, int>(_ => throw CliException.Env("token is not available yet")));
        return command;
    }
}
