using System;
using DeviceAuth.Credentials;
using DeviceAuth.Encoding;
using DeviceAuth.Json;
using DeviceAuth.Mqtt;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.DeviceStrings
{
    /// <summary>
    /// Behaviour for text a device string cannot hold (../shared/NANOFRAMEWORK.md): an unpaired
    /// surrogate (the device stores U+FFFD instead) and U+0000 (the device string ends there). Such
    /// input can only reach the library on the host build, so these checks run here; the device tests
    /// state what the device does instead (U+FFFD is valid text and is encoded as such). The API gate
    /// refuses string literals holding either in the device test assembly, and the bridge refuses
    /// them in [DataRow] arguments.
    /// </summary>
    /// <remarks>
    /// The texts are code literals looped over in a [Fact], never attribute arguments or theory data:
    /// an attribute blob stores strings as UTF-8, and xunit serialises theory rows, either of which
    /// turns an unpaired surrogate into U+FFFD on .NET too.
    /// </remarks>
    public class HostOnlyStringInputTests
    {
        private const long Now = 1748736000L;

        private static readonly string[] UnpairedSurrogateTexts =
        {
            "\ud800",
            "a\udc00b",
            "ab\ud83d",
            "\ude00\ud83d",
            "\ud83d\ude00\ud83d",
        };

        [Fact]
        public void Token_WithUnpairedSurrogate_IsRefused_WithoutQuotingIt()
        {
            var e = Assert.Throws<CredentialFormatException>(() => AwsIotCustomAuth.ValidateToken("SECRET\ud800"));
            Assert.Equal(CredentialFormatReason.InvalidTokenCharacters, e.Reason);
            Assert.DoesNotContain("SECRET", e.Message);
        }

        [Fact]
        public void ClientId_WithUnpairedSurrogate_IsRefused()
        {
            Assert.Equal(CredentialFormatReason.InvalidClientId, Assert.Throws<CredentialFormatException>(() => AwsIotCustomAuth.ValidateClientId("\udc00")).Reason);
        }

        [Fact]
        public void Utf8Length_OfUnpairedSurrogates_IsMinusOne()
        {
            Assert.All(UnpairedSurrogateTexts, text => Assert.Equal(-1, AwsIotCustomAuth.Utf8Length(text)));
        }

        [Fact]
        public void UsernameParameter_WithUnpairedSurrogate_IsRefused()
        {
            var a = new AwsIotMqttAuthorization("my-authorizer", "token", false, new ManualClock(Now));
            Assert.Equal(CredentialFormatReason.InvalidUsernameParameter, Assert.Throws<CredentialFormatException>(() => a.AddUsernameParameter("V", "\ud800")).Reason);
        }

        [Fact]
        public void PercentEncode_RefusesUnpairedSurrogates()
        {
            // .NET's UTF8.GetBytes would turn it into U+FFFD silently: the library refuses it instead.
            Assert.All(UnpairedSurrogateTexts, text => Assert.Throws<ArgumentException>(() => PercentEncoding.Encode(text)));
        }

        [Fact]
        public void PercentDecode_RefusesUnpairedSurrogates()
        {
            Assert.Throws<FormatException>(() => PercentEncoding.Decode("%41\ud800"));
        }

        [Fact]
        public void JsonWriter_RefusesUnpairedSurrogates()
        {
            Assert.All(UnpairedSurrogateTexts, text => Assert.Throws<ArgumentException>(() => JsonWriter.Quote(text)));
        }

        [Fact]
        public void JsonWriter_EscapesU0000()
        {
            Assert.Equal("\"\\u0000\\u0001\\u001f\"", JsonWriter.Quote("\u0000\u0001\u001f"));
        }

        [Fact]
        public void JsonReader_RefusesTheU0000Escape_OnBothBuilds()
        {
            // Refused by the reader itself (not only by the device's strings), so both builds read alike.
            var r = new JsonReader("\"a\\u0000b\"");
            Assert.Throws<FormatException>(() => r.Read());
        }

        [Fact]
        public void MqttTopic_WithU0000_OrAnUnpairedSurrogate_IsRefused()
        {
            Assert.Throws<ArgumentException>(() => MqttTopic.ValidateName("a\u0000b"));
            Assert.Throws<ArgumentException>(() => MqttTopic.ValidateFilter("a/\ud800"));
        }
    }
}
