using System;
using DeviceAuth.Credentials;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;
using DeviceAuth.Tests.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Security
{
    /// <summary>
    /// Issue 11, reproducer 3: strings MQTT and AWS IoT forbid are refused at configuration, before any I/O, with
    /// the library's specific exception. Host-only: U+0000 cannot be held by a string on the device.
    /// </summary>
    public class ProtocolStringHostTests
    {
        [Theory]
        [InlineData("dev\u0000ice")]
        [InlineData("\u0000")]
        [InlineData("dev\nice")]
        [InlineData("dev\u001bice")]
        [InlineData("dev\u007fice")]
        [InlineData("dev\u0085ice")]
        public void A_client_id_with_a_control_character_is_refused_by_every_entry_point(string clientId)
        {
            Assert.Equal(CredentialFormatReason.InvalidClientId, Assert.Throws<CredentialFormatException>(() => AwsIotCustomAuth.ValidateClientId(clientId)).Reason);
            Assert.Equal(CredentialFormatReason.InvalidClientId, Assert.Throws<CredentialFormatException>(() => new MqttSessionOptions(clientId, new LifetimeOptions(3600, 86400))).Reason);
            var composer = new AwsIotMqttAuthorization("device-authorizer", "token", false, new ManualClock(1780300000L));
            var token = new DeviceAuth.Tokens.AuthToken("tok", "c2ln", DateTime.MinValue, DeviceAuth.Tokens.AuthToken.NoExpiry);
            Assert.Equal(CredentialFormatReason.InvalidClientId, Assert.Throws<CredentialFormatException>(() => composer.Compose(token, clientId)).Reason);
        }

        [Theory]
        [InlineData("user\u0000")]
        [InlineData("user\r\n")]
        [InlineData("user\t")]
        [InlineData("user\u009f")]
        public void A_username_prefix_with_a_control_character_is_refused(string prefix)
        {
            var composer = new AwsIotMqttAuthorization("device-authorizer", "token", false, new ManualClock(1780300000L));
            var e = Assert.Throws<CredentialFormatException>(() => composer.UsernamePrefix = prefix);
            Assert.Equal(CredentialFormatReason.InvalidUsernamePrefix, e.Reason);
            Assert.Equal(string.Empty, composer.UsernamePrefix);
        }

        [Fact]
        public void Printable_client_ids_and_prefixes_still_pass()
        {
            AwsIotCustomAuth.ValidateClientId("thing-42 é\u2713\ud83d\ude00");
            new AwsIotMqttAuthorization("device-authorizer", "token", false, new ManualClock(1780300000L)).UsernamePrefix = "sensor é";
        }

        [Theory]
        [InlineData("a/b/c/d/e/f/g/h/i")]        // 8 slashes
        [InlineData("/a/b/c/d/e/f/g/h")]         // 8 slashes, one of them leading
        [InlineData("$aws/rules/r/a/b/c/d/e/f/g/h/i")] // 11 slashes, 8 once the Basic Ingest prefix's 3 are not counted
        [InlineData("$SYS/broker/load")]         // reserved, and not one of AWS IoT's
        [InlineData("$foo")]
        [InlineData("a\u0000b")]
        [InlineData("a\nb")]
        [InlineData("a\u0085b")]
        [InlineData("a/+/b")]
        [InlineData("a/#")]
        [InlineData("")]
        public void A_publish_topic_AWS_IoT_would_refuse_is_refused_before_it_is_queued(string topic)
        {
            Assert.Throws<ArgumentException>(() => IotTopic.ValidateName(topic));
        }

        [Theory]
        [InlineData("a/b/c/d/e/f/g/h")]          // 7 slashes
        [InlineData("$aws/rules/r/a/b/c/d/e/f/g")] // 10 slashes, 7 counted
        [InlineData("$aws/things/thing-42/shadow/update")]
        [InlineData("a//b")]                      // an empty level is allowed (MQTT 4.7.1.3)
        [InlineData("a/")]
        public void Topics_within_AWS_IoTs_limits_pass(string topic)
        {
            IotTopic.ValidateName(topic);
            IotTopic.ValidateFilter(topic);
        }

        [Theory]
        [InlineData("a/b/c/d/e/f/g/h/#")]
        [InlineData("$SYS/#")]
        [InlineData("a/\u0001/#")]
        public void A_filter_AWS_IoT_would_refuse_is_refused_before_it_is_remembered(string filter)
        {
            Assert.Throws<ArgumentException>(() => IotTopic.ValidateFilter(filter));
        }
    }
}
