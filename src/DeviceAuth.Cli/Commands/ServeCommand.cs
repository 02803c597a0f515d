using System.CommandLine;

namespace DeviceAuth.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("serve", "(not yet available)");
        command.SetAction(new Func<ParseResult, int>(_ => throw CliException.Env("serve is not available yet")));
        return command;
    }
}
