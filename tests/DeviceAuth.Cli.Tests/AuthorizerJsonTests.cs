using System.Security.Cryptography;
using System.Text.Json;

namespace DeviceAuth.Cli.Tests;

/// <summary>`authorizer create-json` / `update-json`: the request shapes of seeds 000/001, the service's limits.</summary>
public sealed class AuthorizerJsonTests : IDisposable
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:my-authorizer";
    private readonly TempDir _dir = new();
    private readonly string _pub;
    private readonly string _priv;

    public AuthorizerJsonTests()
    {
        TestKeys.WriteKeyFiles(_dir, out _priv, out _pub);
    }

    public void Dispose() => _dir.Dispose();

    // CreateAuthorizer request members (seed 000 request syntax; seed 001 body + URI authorizerName).
    private static readonly string[] CreateMembers = { "authorizerName", "authorizerFunctionArn", "tokenKeyName", "tokenSigningPublicKeys", "status", "tags", "signingDisabled", "enableCachingForHttp" };
    private static readonly string[] UpdateMembers = { "authorizerName", "authorizerFunctionArn", "tokenKeyName", "tokenSigningPublicKeys", "status", "enableCachingForHttp" };

    [Fact]
    public async Task Create_json_parses_and_matches_the_seed_request_shape()
    {
        string otherPub = _dir.File("other.pub.pem");
        File.WriteAllText(otherPub, TestKeys.OtherKey.ExportSubjectPublicKeyInfoPem());
        var r = await CliRunner.InProcess("authorizer", "create-json", "--name", "my-authorizer", "--function-arn", Arn, "--token-key-name", "x-device-token",
            "--public-key", "current=" + _pub, "--public-key", "next:2026=" + otherPub, "--enable-caching-for-http", "--tag", "env=prod", "--tag", "team=iot");
        Assert.True(r.ExitCode == 0, r.Err);
        using JsonDocument doc = JsonDocument.Parse(r.Out);
        JsonElement root = doc.RootElement;
        foreach (JsonProperty p in root.EnumerateObject())
        {
            Assert.Contains(p.Name, CreateMembers);
        }

        Assert.Equal("my-authorizer", root.GetProperty("authorizerName").GetString());
        Assert.Equal(Arn, root.GetProperty("authorizerFunctionArn").GetString());
        Assert.Equal("x-device-token", root.GetProperty("tokenKeyName").GetString());
        Assert.Equal("ACTIVE", root.GetProperty("status").GetString());
        Assert.False(root.GetProperty("signingDisabled").GetBoolean());
        Assert.True(root.GetProperty("enableCachingForHttp").GetBoolean());
        JsonElement tags = root.GetProperty("tags");
        Assert.Equal(JsonValueKind.Array, tags.ValueKind);
        Assert.Equal("env", tags[0].GetProperty("Key").GetString());
        Assert.Equal("prod", tags[0].GetProperty("Value").GetString());
        JsonElement keys = root.GetProperty("tokenSigningPublicKeys");
        Assert.Equal(new[] { "current", "next:2026" }, keys.EnumerateObject().Select(p => p.Name).ToArray());

        // Each value is an SPKI PEM of the same key as the file (checked with .NET's parser).
        using var parsed = RSA.Create();
        parsed.ImportFromPem(keys.GetProperty("current").GetString());
        Assert.Equal(TestKeys.Key.ExportSubjectPublicKeyInfo(), parsed.ExportSubjectPublicKeyInfo());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", keys.GetProperty("current").GetString());
        Assert.True(keys.GetProperty("current").GetString().Length <= 5120);
    }

    [Fact]
    public async Task Output_file_is_written_once_and_serve_reads_it_back()
    {
        string file = _dir.File("create.json");
        string[] args = { "authorizer", "create-json", "--name", "a1", "--function-arn", Arn, "--token-key-name", "token", "--public-key", "k=" + _pub, "-o", file };
        Assert.Equal(0, (await CliRunner.InProcess(args)).ExitCode);
        var again = await CliRunner.InProcess(args);
        Assert.Equal(ExitCodes.Environment, again.ExitCode);
        var def = DeviceAuth.LocalCloud.Iot.AuthorizerDefinition.FromJson(File.ReadAllText(file), file);
        Assert.Equal("a1", def.AuthorizerName);
        Assert.Single(def.ParsedKeys);
    }

    [Fact]
    public async Task Update_json_has_only_update_members_and_needs_a_change()
    {
        var r = await CliRunner.InProcess("authorizer", "update-json", "--name", "my-authorizer", "--status", "INACTIVE", "--enable-caching-for-http", "false");
        Assert.True(r.ExitCode == 0, r.Err);
        using JsonDocument doc = JsonDocument.Parse(r.Out);
        Assert.Equal(new[] { "authorizerName", "status", "enableCachingForHttp" }, doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            Assert.Contains(p.Name, UpdateMembers);
        }

        var nothing = await CliRunner.InProcess("authorizer", "update-json", "--name", "my-authorizer");
        Assert.Equal(ExitCodes.InvalidInput, nothing.ExitCode);
        Assert.Contains("nothing to update", nothing.Err);
        var signing = await CliRunner.InProcess("authorizer", "update-json", "--name", "my-authorizer", "--signing-disabled");
        Assert.Equal(ExitCodes.Usage, signing.ExitCode);
    }

    [Theory]
    [InlineData("name", "bad name!", "authorizerName contains a character outside")]
    [InlineData("name", "", "authorizerName is empty")]
    [InlineData("longname", null, "authorizerName is 129 characters")]
    [InlineData("tokenkey", "bad.key", "tokenKeyName contains a character outside")]
    [InlineData("keyname", "bad/name", "key name 'bad/name' contains a character outside")]
    [InlineData("arn", "not-an-arn", "not a Lambda function ARN")]
    [InlineData("private", null, "is a PRIVATE key")]
    [InlineData("small", null, "RSA key of 1024 bits")]
    [InlineData("pkcs1pub", null, "PKCS#1 'RSA PUBLIC KEY'")]
    [InlineData("ec", null, "EC (ECDSA) public key")]
    [InlineData("nokey", null, "at least one tokenSigningPublicKeys entry is required")]
    [InlineData("disabledwithkey", null, "give no tokenSigningPublicKeys")]
    [InlineData("tag", "aws:x=1", "'aws:' prefix is reserved")]
    public async Task Violations_of_the_service_limits_are_invalid_input(string kind, string value, string expected)
    {
        string keyFile = _pub;
        string name = "my-authorizer";
        string tokenKey = "token";
        string keyName = "k";
        string arn = Arn;
        var extra = new List<string>();
        switch (kind)
        {
            case "name": name = value; break;
            case "longname": name = new string('a', 129); break;
            case "tokenkey": tokenKey = value; break;
            case "keyname": keyName = value; break;
            case "arn": arn = value; break;
            case "private": keyFile = _priv; break;
            case "small":
                keyFile = _dir.File("small.pem");
                using (var small = RSA.Create(1024))
                {
                    File.WriteAllText(keyFile, small.ExportSubjectPublicKeyInfoPem());
                }

                break;
            case "pkcs1pub":
                keyFile = _dir.File("pkcs1.pem");
                File.WriteAllText(keyFile, TestKeys.Key.ExportRSAPublicKeyPem());
                break;
            case "ec":
                keyFile = _dir.File("ec.pem");
                using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    File.WriteAllText(keyFile, ec.ExportSubjectPublicKeyInfoPem());
                }

                break;
            case "nokey": keyFile = null; break;
            case "disabledwithkey": extra.Add("--signing-disabled"); break;
            case "tag": extra.AddRange(new[] { "--tag", value }); break;
        }

        var args = new List<string> { "authorizer", "create-json", "--name", name, "--function-arn", arn, "--token-key-name", tokenKey };
        if (keyFile != null)
        {
            args.AddRange(new[] { "--public-key", keyName + "=" + keyFile });
        }

        args.AddRange(extra);
        var r = await CliRunner.InProcess(args.ToArray());
        Assert.True(r.ExitCode == ExitCodes.InvalidInput, $"exit {r.ExitCode}: {r.Err}");
        Assert.Contains(expected, r.Err);
        Assert.Equal(string.Empty, r.Out);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("MII", r.Err);
    }
}
