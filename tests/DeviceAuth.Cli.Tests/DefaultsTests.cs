using System.Text.RegularExpressions;

namespace DeviceAuth.Cli.Tests;

/// <summary>
/// One authorizer name and one tokenKeyName by default, the same in every command and in every
/// `deviceauth` command the docs show, so that commands copied from the docs talk to each other.
/// The defaults are the MqttCustomAuth sample's names (device-authorizer, token), the authorizer
/// the quick start creates.
/// </summary>
public sealed partial class DefaultsTests
{
    private static string RepoRoot => Path.GetDirectoryName(Path.GetDirectoryName(NodeOracles.Folder))!;

    [Fact]
    public async Task Token_and_the_inline_authorizer_of_verify_and_serve_share_the_documented_defaults()
    {
        using var dir = new TempDir();
        TestKeys.WriteKeyFiles(dir, out string priv, out string pub);
        var username = await CliRunner.InProcess("token", "--private-key", priv, "--format", "mqtt-username");
        Assert.True(username.ExitCode == 0, username.Err);
        Assert.StartsWith("?x-amz-customauthorizer-name=device-authorizer&", username.Out);
        Assert.Contains("&token=ds1.", username.Out);

        // No names on either side: verify's (and serve's) inline authorizer is the one token names.
        var verdict = await CliRunner.InProcess("verify", "--public-key", "key1=" + pub, "--mqtt-username", username.Out.Trim());
        Assert.True(verdict.ExitCode == 0, verdict.Out + verdict.Err);
        Assert.Contains("authorizer name 'device-authorizer'", verdict.Out);
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/cli.md")]
    [InlineData("samples/MqttCustomAuth/README.md")]
    public void Every_deviceauth_command_in_the_docs_uses_the_default_names(string file)
    {
        string text = File.ReadAllText(Path.Combine(RepoRoot, file)).Replace("\\\r\n", " ").Replace("\\\n", " ");
        int commands = 0;
        foreach (string line in text.Split('\n').Where(l => l.Contains("deviceauth ", StringComparison.Ordinal) || l.Contains("src/DeviceAuth.Cli --", StringComparison.Ordinal)))
        {
            foreach (Match m in NameOption().Matches(line))
            {
                commands++;
                string value = m.Groups["value"].Value.Trim('`', '\'', '"', ']', ')', '.');
                string expected = m.Groups["option"].Value == "--token-key-name" ? "token" : "device-authorizer";
                if (value.Length > 0 && !value.StartsWith('<') && value != "NAME" && !value.StartsWith("$", StringComparison.Ordinal))
                {
                    Assert.True(value == expected, $"{file}: '{m.Value}' in `{line.Trim()}`: the tool's default is {expected}; use it, so this command works with the others as written");
                }
            }
        }

        Assert.True(commands > 0 || file == "README.md", $"{file}: no deviceauth command with a name option found (the check would prove nothing)");
    }

    [Fact]
    public void The_docs_check_can_fail()
    {
        string line = "deviceauth verify --authorizer-name my-authorizer --token-key-name device-token";
        var values = NameOption().Matches(line).Select(m => m.Groups["value"].Value).ToArray();
        Assert.Equal(new[] { "my-authorizer", "device-token" }, values);
    }

    [GeneratedRegex(@"(?<option>--authorizer-name|--name|--token-key-name)[ =](?<value>[^\s|\\]+)")]
    private static partial Regex NameOption();
}
