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
}
