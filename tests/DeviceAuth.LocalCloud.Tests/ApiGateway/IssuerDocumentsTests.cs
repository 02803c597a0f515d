using System.IdentityModel.Tokens.Jwt;
using System.Text.Json.Nodes;
using DeviceAuth.Crypto;
using DeviceAuth.LocalCloud.ApiGateway;
using DeviceAuth.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace DeviceAuth.LocalCloud.Tests.ApiGateway;

/// <summary>
/// The issuer's documents (what `deviceauth apigateway issuer` writes) read back by an independent
/// verifier, System.IdentityModel.Tokens.Jwt: its JWKS parser finds the key by the kid the library puts
/// in the JWT header and accepts the library's signature; a kid it does not publish is refused.
/// </summary>
public class IssuerDocumentsTests
{
    private const string Issuer = "https://devices.example.com/fleet";

    private static (string Folder, OpenIdIssuer Written) Write(TempDir dir)
    {
        var keys = new DeviceAuth.LocalCloud.ApiGateway.JsonWebKeySet();
        keys.Add(TestKeys.Key, null);
        keys.Add(TestKeys.OtherKey, "thing-42");
        var issuer = new OpenIdIssuer(Issuer, keys);
        issuer.WriteTo(dir.Path, (path, text) =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllText(path, text);
        });
        return (dir.Path, issuer);
    }

    private static string LibraryJwt(string kid, string pem, DateTimeOffset now)
    {
        var options = new JwtOptions(Issuer, "thing-42", "device-api", 600) { KeyId = kid };
        var source = new JwtTokenSource(options, new RsaSha256Signer(RsaPrivateKey.FromPem(pem)), new VirtualTime(now), new SystemRandomSource());
        return source.GetToken(0).Token;
    }

    [Fact]
    public void Discovery_document_names_the_issuer_and_a_jwks_uri_under_it_and_loads_back()
    {
        using var dir = new TempDir();
        var (folder, written) = Write(dir);
        var discovery = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ".well-known", "openid-configuration")))!;
        Assert.Equal(Issuer, (string)discovery["issuer"]);
        Assert.Equal(Issuer + "/.well-known/jwks.json", (string)discovery["jwks_uri"]);
        Assert.Equal(Issuer + "/.well-known/openid-configuration", written.DiscoveryUrl);
        OpenIdIssuer loaded = OpenIdIssuer.Load(folder);
        Assert.Equal(Issuer, loaded.Issuer);
        Assert.Equal(written.Keys.KeyIds, loaded.Keys.KeyIds);
        Assert.Equal(TestKeys.Key.ExportParameters(false).Modulus, loaded.Keys.Find(written.Keys.KeyIds[0]).ExportParameters(false).Modulus);
    }

    [Fact]
    public void System_IdentityModel_verifies_library_jwts_through_the_published_jwks_by_kid()
    {
        using var dir = new TempDir();
        var (folder, _) = Write(dir);
        var jwks = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(File.ReadAllText(Path.Combine(folder, ".well-known", "jwks.json")));
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = "device-api",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
            TryAllIssuerSigningKeys = false,
            ClockSkew = TimeSpan.Zero,
        };
        var handler = new JwtSecurityTokenHandler();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        string thumbprintKid;
        using (RsaPrivateKey key = RsaPrivateKey.FromPem(TestKeys.PrivatePem))
        {
            thumbprintKid = JwkThumbprint.ForRsaKey(key);
        }

        handler.ValidateToken(LibraryJwt(thumbprintKid, TestKeys.PrivatePem, now), parameters, out SecurityToken first);
        Assert.Equal(thumbprintKid, ((JwtSecurityToken)first).Header.Kid);
        handler.ValidateToken(LibraryJwt("thing-42", TestKeys.OtherKey.ExportPkcs8PrivateKeyPem(), now), parameters, out _);
        Assert.ThrowsAny<SecurityTokenException>(() => handler.ValidateToken(LibraryJwt("thing-43", TestKeys.PrivatePem, now), parameters, out _));
        Assert.ThrowsAny<SecurityTokenException>(() => handler.ValidateToken(LibraryJwt("thing-42", TestKeys.PrivatePem, now), parameters, out _));
    }

    [Fact]
    public void A_jwks_uri_outside_the_issuer_folder_is_refused()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, ".well-known"));
        File.WriteAllText(Path.Combine(dir.Path, ".well-known", "openid-configuration"), "{\"issuer\":\"https://a.example\",\"jwks_uri\":\"https://b.example/keys\"}");
        var e = Assert.Throws<LocalCloudException>(() => OpenIdIssuer.Load(dir.Path));
        Assert.Contains("not under the issuer URL", e.Message);
    }
}
