using System.CommandLine;

namespace DeviceAuth.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("demo", "(not yet available)");
        command.SetAction(new Func<ParseResult, int>(_ => throw CliException.Env("demo is not available yet")));
        return command;
    }
}
