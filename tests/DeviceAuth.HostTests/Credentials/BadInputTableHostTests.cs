using System;
using System.Collections.Generic;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Credentials
{
    /// <summary>
    /// The bad-input table: each entry is rejected before any I/O with its specific exception type
    /// (and reason), and no message echoes a secret. Every secret below carries the marker
    /// <see cref="Marker"/>, so a leak of any of them is caught by one check.
    /// </summary>
    public class BadInputTableHostTests
    {
        private const long Now = 1748736000L;
        private const string Marker = "S3CRET";
        private static readonly string SecretToken = "tok-" + Marker + "-0123456789";
        private static readonly string SecretSignature = Marker + "Sig+/AAAA==";
        private static readonly string SecretSignatureLong = Marker + new string('A', 2560 - Marker.Length + 4);

        private static ManualClock Clock() => new ManualClock(Now);

        private static AuthToken Token(string token, string signature) => new AuthToken(token, signature, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 600));

        private static AwsIotMqttAuthorization Mqtt() => new AwsIotMqttAuthorization("authorizer", "token", false, Clock());

        public static IEnumerable<TheoryDataRow<string, Action, Type, CredentialFormatReason?>> Table()
        {
            static TheoryDataRow<string, Action, Type, CredentialFormatReason?> Row(string name, Action action, Type type, CredentialFormatReason? reason = null) =>
                new TheoryDataRow<string, Action, Type, CredentialFormatReason?>(name, action, type, reason) { TestDisplayName = "BadInput." + name };

            Type cfe = typeof(CredentialFormatException);
            yield return Row("AuthorizerNameEmpty", () => new AwsIotMqttAuthorization("", "token", false, Clock()), cfe, CredentialFormatReason.InvalidAuthorizerName);
            yield return Row("AuthorizerNameTooLong", () => new AwsIotMqttAuthorization(new string('a', 129), "token", false, Clock()), cfe, CredentialFormatReason.InvalidAuthorizerName);
            yield return Row("AuthorizerNameBadChar", () => new AwsIotHttpAuthorization("auth/" + Marker, "token", false, AwsIotHttpPlacement.Headers, Clock()), cfe, CredentialFormatReason.InvalidAuthorizerName);
            yield return Row("TokenKeyNameBadChar", () => new AwsIotMqttAuthorization("a", "tok.en", false, Clock()), cfe, CredentialFormatReason.InvalidTokenKeyName);
            yield return Row("TokenKeyNameTooLong", () => new AwsIotMqttAuthorization("a", new string('k', 129), false, Clock()), cfe, CredentialFormatReason.InvalidTokenKeyName);
            yield return Row("TokenKeyNameReserved", () => new AwsIotMqttAuthorization("a", "x-amz-customauthorizer-signature", false, Clock()), cfe, CredentialFormatReason.InvalidTokenKeyName);
            yield return Row("TokenTooLong", () => Mqtt().Compose(Token(Marker + new string('t', 6144), SecretSignature.Replace("S3CRET", "AAAAAA")), "c"), cfe, CredentialFormatReason.InvalidTokenLength);
            yield return Row("TokenUnpairedSurrogate", () => Mqtt().Compose(Token(SecretToken + "\ud800", "AAAA"), "c"), cfe, CredentialFormatReason.InvalidTokenCharacters);
            yield return Row("SignaturePattern", () => Mqtt().Compose(Token(SecretToken, SecretSignature.Replace("+", "-")), "c"), cfe, CredentialFormatReason.InvalidTokenSignature);
            yield return Row("SignatureUnpadded", () => Mqtt().Compose(Token(SecretToken, Marker + "ABC"), "c"), cfe, CredentialFormatReason.InvalidTokenSignature);
            yield return Row("SignatureTooLong", () => Mqtt().Compose(Token(SecretToken, SecretSignatureLong), "c"), cfe, CredentialFormatReason.InvalidTokenSignature);
            yield return Row("SignatureMissing", () => Mqtt().Compose(Token(SecretToken, null), "c"), cfe, CredentialFormatReason.MissingTokenSignature);
            yield return Row("ClientIdEmpty", () => Mqtt().Compose(Token(SecretToken, "AAAA"), ""), cfe, CredentialFormatReason.InvalidClientId);
            yield return Row("ClientIdTooLong", () => Mqtt().Compose(Token(SecretToken, "AAAA"), new string('c', 129)), cfe, CredentialFormatReason.InvalidClientId);
            yield return Row("UsernamePrefixQuestionMark", () => Mqtt().UsernamePrefix = "u?" + Marker, cfe, CredentialFormatReason.InvalidUsernamePrefix);
            yield return Row("UsernameTooLong", () => { var m = Mqtt(); m.UsernamePrefix = new string('u', 65000); m.Compose(Token(SecretToken + new string('x', 600), "AAAA"), "c"); }, cfe, CredentialFormatReason.UsernameTooLong);
            yield return Row("MetricsReservedName", () => Mqtt().AddUsernameParameter("token", Marker), cfe, CredentialFormatReason.InvalidUsernameParameter);
            yield return Row("PasswordEmpty", () => Mqtt().SetPassword(new byte[0]), cfe, CredentialFormatReason.InvalidPasswordLength);
            yield return Row("PasswordTooLong", () => Mqtt().SetPassword(new byte[65536]), cfe, CredentialFormatReason.InvalidPasswordLength);
            yield return Row("HeaderUnsafeToken", () => new AwsIotHttpAuthorization("a", "k", true, AwsIotHttpPlacement.Headers, Clock()).Compose(Token(SecretToken + "\r\nX: 1", null)), cfe, CredentialFormatReason.InvalidTokenCharacters);
            yield return Row("QueryTooLong", () => new AwsIotHttpAuthorization("a", "k", true, AwsIotHttpPlacement.QueryString, Clock()).Compose(Token(SecretToken + new string('q', 4100), null)), cfe, CredentialFormatReason.QueryStringTooLong);
            yield return Row("JwtExpected", () => new ApiGatewayJwtAuthorization(Clock()).Compose(Token(SecretToken, null)), cfe, CredentialFormatReason.NotAJwt);
            yield return Row("IdentitySourceMissing", () => new ApiGatewayRequestAuthorization(new[] { "$request.header.X-Token" }, Clock()).Compose(Token(SecretToken, null)), cfe, CredentialFormatReason.MissingIdentitySource);
            yield return Row("IdentitySourceEmptySignature", () => { var r = new ApiGatewayRequestAuthorization(new[] { "$request.header.X-Sig" }, Clock()); r.MapTokenSignature("$request.header.X-Sig"); r.Compose(Token(SecretToken, null)); }, cfe, CredentialFormatReason.MissingIdentitySource);
            yield return Row("IdentitySourceEmptyValue", () => new ApiGatewayRequestAuthorization(new[] { "$request.querystring.k" }, Clock()).MapValue("$request.querystring.k", ""), cfe, CredentialFormatReason.MissingIdentitySource);
            yield return Row("IdentitySourceUnknownExpression", () => new ApiGatewayRequestAuthorization(new[] { "$request.path.id" }, Clock()), cfe, CredentialFormatReason.InvalidIdentitySource);
            yield return Row("IdentitySourceDuplicate", () => new ApiGatewayRequestAuthorization(new[] { "$request.header.A", "$request.header.a" }, Clock()), cfe, CredentialFormatReason.InvalidIdentitySource);
            yield return Row("SniIpAddress", () => ServiceEndpoint.IotDefaultDataEndpoint("192.0.2.1"), cfe, CredentialFormatReason.InvalidServerName);
            yield return Row("SniTooLong", () => ServiceEndpoint.ApiGateway(new string('a', 60) + "." + new string('b', 60) + "." + new string('c', 60) + "." + new string('d', 60) + "." + new string('e', 10) + ".com"), cfe, CredentialFormatReason.InvalidServerName);
            yield return Row("SniSyntax", () => ServiceEndpoint.IotDomainConfiguration("bad_name.example.com", IotAuthenticationType.CustomAuth, IotApplicationProtocol.SecureMqtt), cfe, CredentialFormatReason.InvalidServerName);
            yield return Row("TestInvokeSniSyntax", () => TestInvokeAuthorizerRequest.Build(SecretToken, null, null, null, "host:443"), cfe, CredentialFormatReason.InvalidServerName);
            yield return Row("MqttOnDefaultEndpoint", () => ServiceEndpoint.IotDefaultDataEndpoint("abc-ats.iot.eu-west-1.amazonaws.com").Resolve(TransportProtocol.Mqtt), typeof(UnsupportedEndpointException));
            yield return Row("HttpsOnX509Domain", () => ServiceEndpoint.IotDomainConfiguration("d.example.com", IotAuthenticationType.AwsX509, IotApplicationProtocol.Https).Resolve(TransportProtocol.Https), typeof(UnsupportedEndpointException));
            yield return Row("ClockUnsetMinting", () => new DeviceSignedTokenSource("thing", FakeSigner.Rs256(), new ManualClock(0L), new CountingRandom(), 600).GetToken(0), typeof(ClockNotSetException));
            yield return Row("ClockUnsetJwt", () => new JwtTokenSource(new JwtOptions("i", "s", "a", 600), FakeSigner.Rs256(), new ManualClock(946684800L), new CountingRandom()).GetToken(0), typeof(ClockNotSetException));
            yield return Row("ClockUnsetCompose", () => new AwsIotMqttAuthorization("a", "token", false, new ManualClock(0L)).Compose(Token(SecretToken, "AAAA"), "c"), typeof(ClockNotSetException));
            yield return Row("ExpiredCompose", () => new AwsIotMqttAuthorization("a", "token", false, new ManualClock(Now + 600)).Compose(Token(SecretToken, "AAAA"), "c"), typeof(TokenExpiredException));
            yield return Row("ExpiredStatic", () => new StaticTokenSource(Token(SecretToken, SecretSignature), new ManualClock(Now + 601)).GetToken(0), typeof(TokenExpiredException));
            yield return Row("CompactClaimsMalformed", () => CompactClaims.Parse(SecretToken), typeof(FormatException));
            yield return Row("JwtSplitMalformed", () => JwtTokens.ToAwsIotToken(Token(SecretToken, null)), typeof(FormatException));
            yield return Row("JsonMalformed", () => { var r = new DeviceAuth.Json.JsonReader("{\"t\":\"" + SecretToken + "\"]"); while (r.Read()) { } }, typeof(FormatException));
        }

        [Theory]
        [MemberData(nameof(Table))]
        public void Rejected_WithSpecificError_WithoutEchoingSecrets(string name, Action action, Type expectedType, CredentialFormatReason? reason)
        {
            Exception e = Record.Exception(action);
            Assert.NotNull(e);
            Assert.True(expectedType == e.GetType(), name + ": expected " + expectedType.Name + ", got " + e.GetType().Name + ": " + e.Message);
            if (reason.HasValue)
            {
                Assert.Equal(reason.Value, ((CredentialFormatException)e).Reason);
            }

            Assert.DoesNotContain(Marker, e.Message);
            Assert.DoesNotContain(Marker, e.ToString().Split('\n')[0]);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }
}
