using System.Security.Cryptography;

namespace DeviceAuth.Cli.Tests;

public class KeygenTests
{
    [Theory]
    [InlineData(2048)]
    [InlineData(3072)]
    public async Task Writes_pkcs8_private_and_spki_public_that_form_a_pair(int bits)
    {
        using var dir = new TempDir();
        var r = await CliRunner.InProcess("keygen", "--bits", bits.ToString(), "--private-key", dir.File("k.pem"), "--public-key", dir.File("k.pub"));
        Assert.Equal(0, r.ExitCode);
        string priv = File.ReadAllText(dir.File("k.pem"));
        string pub = File.ReadAllText(dir.File("k.pub"));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", priv);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pub);
        Assert.DoesNotContain("PRIVATE", r.Out.Replace("private key (PKCS#8", string.Empty, StringComparison.Ordinal).ToUpperInvariant().Replace("PRIVATE KEY", string.Empty));
        Assert.DoesNotContain(priv.Split('\n')[1], r.Out + r.Err);

        using var signer = RSA.Create();
        signer.ImportFromPem(priv);
        using var verifier = RSA.Create();
        verifier.ImportFromPem(pub);
        Assert.Equal(bits, verifier.KeySize);
        byte[] data = "token"u8.ToArray();
        byte[] sig = signer.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(verifier.VerifyData(data, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("k.pem")));
        }
    }

    [Fact]
    public async Task Refuses_to_overwrite_without_force_and_overwrites_with_it()
    {
        using var dir = new TempDir();
        string[] args = { "keygen", "--private-key", dir.File("k.pem"), "--public-key", dir.File("k.pub") };
        Assert.Equal(0, (await CliRunner.InProcess(args)).ExitCode);
        string before = File.ReadAllText(dir.File("k.pem"));
        var again = await CliRunner.InProcess(args);
        Assert.Equal(ExitCodes.Environment, again.ExitCode);
        Assert.Contains("already exists; use --force", again.Err);
        Assert.Equal(before, File.ReadAllText(dir.File("k.pem")));
        var forced = await CliRunner.InProcess(args.Append("--force").ToArray());
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual(before, File.ReadAllText(dir.File("k.pem")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("k.pem")));
        }
    }

    [Fact]
    public async Task Rejects_unsupported_sizes_as_usage_error()
    {
        using var dir = new TempDir();
        var r = await CliRunner.InProcess("keygen", "--bits", "1024", "--private-key", dir.File("k.pem"), "--public-key", dir.File("k.pub"));
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.False(File.Exists(dir.File("k.pem")));
        Assert.DoesNotContain("   at ", r.Err);
    }

    /// <summary>The README's quick start step 2, as written, in a folder where thing-42/ does not exist yet.</summary>
    [Fact]
    public async Task Quick_start_step_2_creates_the_missing_folder_readable_by_the_owner_only()
    {
        using var dir = new TempDir();
        var r = await CliRunner.AsProcess(dir.Path, "keygen", "--private-key", "thing-42/device.key.pem", "--public-key", "thing-42/device.pub.pem");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(dir.File("thing-42/device.key.pem")));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(dir.File("thing-42/device.pub.pem")));
        if (!OperatingSystem.IsWindows())
        {
            // The folder holds a private key: only its owner may list or enter it; the key itself stays 600.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir.File("thing-42")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("thing-42/device.key.pem")));
        }
    }

    [Fact]
    public async Task Nested_missing_folders_are_created_and_an_existing_folder_keeps_its_mode()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("shared"));
        var before = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(dir.File("shared"));
        var r = await CliRunner.InProcess("keygen", "--private-key", dir.File("fleet/a/b/device.key.pem"), "--public-key", dir.File("shared/device.pub.pem"));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.True(File.Exists(dir.File("fleet/a/b/device.key.pem")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir.File("fleet")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir.File("fleet/a/b")));
            Assert.Equal(before, File.GetUnixFileMode(dir.File("shared")));
        }
    }

    [Fact]
    public async Task A_file_where_a_folder_should_be_is_an_environment_error()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("thing-42"), "not a folder");
        var r = await CliRunner.InProcess("keygen", "--private-key", dir.File("thing-42/device.key.pem"), "--public-key", dir.File("device.pub.pem"));
        Assert.Equal(ExitCodes.Environment, r.ExitCode);
        Assert.StartsWith("error: cannot", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
