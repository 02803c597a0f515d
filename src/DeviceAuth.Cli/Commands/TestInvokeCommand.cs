using System.CommandLine;

namespace DeviceAuth.Cli.Commands;

internal static class TestInvokeCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("test-invoke", "(not yet available)");
        command.SetAction(new Func<ParseResult, int>(_ => throw CliException.Env("test-invoke is not available yet")));
        return command;
    }
}
