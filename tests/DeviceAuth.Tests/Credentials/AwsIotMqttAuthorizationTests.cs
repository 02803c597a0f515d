using System;
using DeviceAuth.Credentials;
using DeviceAuth.Encoding;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Credentials
{
    [TestClass]
    public class AwsIotMqttAuthorizationTests
    {
        private const long Now = 1748736000L;
        private const string Token = "ds1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL";
        private const string Signature = "ab+/cd==";

        private static AuthToken Signed()
        {
            return new AuthToken(Token, Signature, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 3600));
        }

        private static AwsIotMqttAuthorization Named()
        {
            return new AwsIotMqttAuthorization("my-authorizer", "token", false, new ManualClock(Now));
        }

        [TestMethod]
        public void Username_ExactForm()
        {
            MqttConnectCredentials c = Named().Compose(Signed(), "device-1");
            Assert.AreEqual("?x-amz-customauthorizer-name=my-authorizer&x-amz-customauthorizer-signature=ab%2B%2Fcd%3D%3D&token=" + Token, c.Username);
            Assert.IsNull(c.Password);
            Assert.AreEqual("device-1", c.ClientId);
        }

        [TestMethod]
        public void Username_WithPrefix_AndEncodedAuthorizerName()
        {
            AwsIotMqttAuthorization a = new AwsIotMqttAuthorization("auth=,@", "token", false, new ManualClock(Now));
            a.UsernamePrefix = "user1";
            MqttConnectCredentials c = a.Compose(Signed(), "device-1");
            Assert.AreEqual("user1?x-amz-customauthorizer-name=auth%3D%2C%40&x-amz-customauthorizer-signature=ab%2B%2Fcd%3D%3D&token=" + Token, c.Username);
        }

        // CUSTOM-AUTH pitfall 1: metrics appended to a username that already has '?' must use '&'.
        [TestMethod]
        public void MetricsParameters_JoinedWithAmpersand_ExactlyOneQuestionMark()
        {
            AwsIotMqttAuthorization a = Named();
            a.UsernamePrefix = "user";
            a.AddUsernameParameter("SDK", "DeviceAuth.nano");
            a.AddUsernameParameter("Version", "1.0 beta?&=");
            MqttConnectCredentials c = a.Compose(Signed(), "device-1");
            Assert.AreEqual(1, CredentialAssert.Count(c.Username, '?'));
            Assert.EndsWith("&SDK=DeviceAuth.nano&Version=1.0%20beta%3F%26%3D", c.Username);
            Assert.StartsWith("user?x-amz-customauthorizer-name=", c.Username);
        }

        [TestMethod]
        public void Pitfall1_PrefixWithQuestionMark_Refused()
        {
            AwsIotMqttAuthorization a = Named();
            CredentialAssert.Throws(CredentialFormatReason.InvalidUsernamePrefix, () => a.UsernamePrefix = "user?SDK=x", null);
        }

        // CUSTOM-AUTH pitfall 3: '+', '/', '=' are encoded, exactly once: one decode gives the signature back.
        [TestMethod]
        public void Pitfall3_SignatureEncodedExactlyOnce()
        {
            string signature = "+/+/abc=";
            AuthToken token = new AuthToken(Token, signature, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 3600));
            string username = Named().Compose(token, "device-1").Username;
            string key = "x-amz-customauthorizer-signature=";
            int start = DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(username, key) + key.Length;
            int end = DeviceAuth.Tests.Encoding.TextOf.IndexOf(username, '&', start);
            string encoded = username.Substring(start, end - start);
            Assert.AreEqual("%2B%2F%2B%2Fabc%3D", encoded);
            Assert.AreEqual(-1, DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(encoded, "%25"));
            Assert.AreEqual(signature, PercentEncoding.Decode(encoded));
        }

        [TestMethod]
        public void Pitfall3_AlreadyEncodedSignature_Refused()
        {
            AuthToken token = new AuthToken(Token, "ab%2B%2Fcd%3D%3D", UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 3600));
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenSignature, () => Named().Compose(token, "device-1"), "ab%2B%2Fcd");
        }

        // CUSTOM-AUTH pitfall 4: composing credentials for a reconnect with an expired token is refused.
        [TestMethod]
        public void Pitfall4_ExpiredToken_Refused()
        {
            ManualClock clock = new ManualClock(Now);
            AwsIotMqttAuthorization a = new AwsIotMqttAuthorization("my-authorizer", "token", false, clock);
            AuthToken token = Signed();
            a.Compose(token, "device-1");
            clock.AdvanceSeconds(3600);
            Assert.ThrowsException(typeof(TokenExpiredException), () => a.Compose(token, "device-1"));
        }

        [TestMethod]
        public void ExpiringToken_UnsetClock_Refused()
        {
            AwsIotMqttAuthorization a = new AwsIotMqttAuthorization("my-authorizer", "token", false, new ManualClock(0L));
            Assert.ThrowsException(typeof(ClockNotSetException), () => a.Compose(Signed(), "device-1"));
        }

        [TestMethod]
        public void DefaultAuthorizer_SendsNoName()
        {
            AwsIotMqttAuthorization a = AwsIotMqttAuthorization.ForDefaultAuthorizer("token", false, new ManualClock(Now));
            string username = a.Compose(Signed(), "device-1").Username;
            Assert.AreEqual("?x-amz-customauthorizer-signature=ab%2B%2Fcd%3D%3D&token=" + Token, username);
            Assert.AreEqual(-1, DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(username, "customauthorizer-name"));
            Assert.IsNull(a.AuthorizerName);
        }

        [TestMethod]
        public void SigningDisabled_SendsNoSignature_EvenIfTheTokenHasOne()
        {
            AwsIotMqttAuthorization a = new AwsIotMqttAuthorization("my-authorizer", "token", true, new ManualClock(Now));
            Assert.AreEqual("?x-amz-customauthorizer-name=my-authorizer&token=" + Token, a.Compose(Signed(), "device-1").Username);
        }

        [TestMethod]
        public void SigningEnabled_UnsignedToken_Refused()
        {
            AuthToken unsigned = new AuthToken("SECRET-token", null, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 60));
            CredentialAssert.Throws(CredentialFormatReason.MissingTokenSignature, () => Named().Compose(unsigned, "device-1"), "SECRET");
        }

        [TestMethod]
        public void TokenInPassword_ForSigningDisabled()
        {
            AwsIotMqttAuthorization a = new AwsIotMqttAuthorization("my-authorizer", null, true, new ManualClock(Now));
            Assert.AreEqual((int)MqttTokenPlacement.Password, (int)a.TokenPlacement);
            AuthToken token = new AuthToken("hm1.t\u00f6ken", null, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 60));
            MqttConnectCredentials c = a.Compose(token, "device-1");
            Assert.AreEqual("?x-amz-customauthorizer-name=my-authorizer", c.Username);
            Assert.AreEqual("hm1.t\u00f6ken", Utf8Text.Decode(c.Password, 0, c.Password.Length));
        }

        // MQTT 3.1.1 forbids a password without a username [MQTT-3.1.2-22] and M2Mqtt omits an
        // empty username: the default authorizer with the token in the password needs a prefix.
        [TestMethod]
        public void DefaultAuthorizer_TokenInPassword_EmptyUsername_Refused()
        {
            AwsIotMqttAuthorization a = AwsIotMqttAuthorization.ForDefaultAuthorizer(null, true, new ManualClock(Now));
            AuthToken token = new AuthToken("secret-tok", null, DateTime.MinValue, AuthToken.NoExpiry);
            CredentialAssert.Throws(CredentialFormatReason.EmptyUsername, () => a.Compose(token, "device-1"), "secret-tok");
            try
            {
                a.Compose(token, "device-1");
            }
            catch (CredentialFormatException e)
            {
                Assert.Contains("UsernamePrefix", e.Message);
            }

            a.UsernamePrefix = "device-1";
            MqttConnectCredentials c = a.Compose(token, "device-1");
            Assert.AreEqual("device-1", c.Username);
            Assert.AreEqual("secret-tok", Utf8Text.Decode(c.Password, 0, c.Password.Length));
        }

        // Property: over every configuration the composer accepts, Compose either refuses with
        // EmptyUsername or never yields (null or empty username, non-null password).
        [TestMethod]
        public void Compose_NeverYieldsPasswordWithoutUsername_OverAllConfigurations()
        {
            // No null inside a string[]: on the device such a slot does not compare equal to null.
            string[] prefixes = new string[] { string.Empty, "user" };
            AuthToken token = Signed();
            int composed = 0;
            int refused = 0;
            for (int n = 0; n < 2; n++)
            {
                string name = n == 1 ? "my-authorizer" : null;
                for (int k = 0; k < 2; k++)
                {
                    string key = k == 1 ? "token" : null;
                    for (int sd = 0; sd < 2; sd++)
                    {
                        for (int p = 0; p < prefixes.Length; p++)
                        {
                            // placement: 0 default, 1 password, 2 username parameter
                            for (int pl = 0; pl < 3; pl++)
                            {
                                for (int fixedPw = 0; fixedPw < 2; fixedPw++)
                                {
                                    for (int extra = 0; extra < 2; extra++)
                                    {
                                        AwsIotMqttAuthorization a = Configure(name, key, sd == 1, prefixes[p], pl, fixedPw == 1, extra == 1);
                                        if (a == null)
                                        {
                                            continue;
                                        }

                                        MqttConnectCredentials c = null;
                                        try
                                        {
                                            c = a.Compose(token, "device-1");
                                        }
                                        catch (CredentialFormatException e)
                                        {
                                            Assert.AreEqual((int)CredentialFormatReason.EmptyUsername, (int)e.Reason, e.Message);
                                            Assert.IsTrue(p == 0 && extra == 0 && name == null, "refused a configuration with a username");
                                            refused++;
                                            continue;
                                        }

                                        composed++;
                                        bool noUsername = string.IsNullOrEmpty(c.Username);
                                        Assert.IsFalse(noUsername && c.Password != null, "password without username: name " + (n == 1 ? "set" : "null") + ", key " + (k == 1 ? "set" : "null") + ", signingDisabled " + (sd == 1 ? "true" : "false") + ", prefix '" + prefixes[p] + "', placement " + pl.ToString() + ", fixed password " + fixedPw.ToString() + ", extra " + extra.ToString());
                                    }
                                }
                            }
                        }
                    }
                }
            }

            // Not vacuous: both outcomes occur.
            Assert.IsTrue(composed > 20, "composed " + composed.ToString());
            Assert.IsTrue(refused > 0, "refused " + refused.ToString());
        }

        // Builds one configuration, or null when the composer rejects it (ArgumentException).
        private static AwsIotMqttAuthorization Configure(string name, string key, bool signingDisabled, string prefix, int placement, bool fixedPassword, bool extra)
        {
            try
            {
                AwsIotMqttAuthorization a = new AwsIotMqttAuthorization(name, key, signingDisabled, new ManualClock(Now));
                a.UsernamePrefix = prefix;
                if (placement == 1)
                {
                    a.TokenPlacement = MqttTokenPlacement.Password;
                }
                else if (placement == 2)
                {
                    a.TokenPlacement = MqttTokenPlacement.UsernameParameter;
                }

                if (fixedPassword)
                {
                    a.SetPassword(new byte[] { 1, 2 });
                }

                if (extra)
                {
                    a.AddUsernameParameter("SDK", "x");
                }

                return a;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        [TestMethod]
        public void PlacementRules()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new AwsIotMqttAuthorization("a", null, false, new ManualClock(Now)));
            AwsIotMqttAuthorization signed = Named();
            Assert.ThrowsException(typeof(ArgumentException), () => signed.TokenPlacement = MqttTokenPlacement.Password);
            AwsIotMqttAuthorization noKey = new AwsIotMqttAuthorization("a", null, true, new ManualClock(Now));
            Assert.ThrowsException(typeof(ArgumentException), () => noKey.TokenPlacement = MqttTokenPlacement.UsernameParameter);
            Assert.ThrowsException(typeof(ArgumentException), () => noKey.SetPassword(new byte[] { 1 }));
        }

        [TestMethod]
        public void FixedPassword_IsCopiedAndSent()
        {
            AwsIotMqttAuthorization a = Named();
            byte[] secret = new byte[] { 1, 2, 3 };
            a.SetPassword(secret);
            secret[0] = 9;
            MqttConnectCredentials c = a.Compose(Signed(), "device-1");
            Assert.AreEqual((byte)1, c.Password[0]);

            // What one CONNECT was handed cannot change the next one.
            c.Password[0] = 7;
            MqttConnectCredentials next = a.Compose(Signed(), "device-1");
            Assert.AreEqual((byte)1, next.Password[0]);
            Assert.AreNotSame(c.Password, next.Password);
            CredentialAssert.Throws(CredentialFormatReason.InvalidPasswordLength, () => a.SetPassword(new byte[0]), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidPasswordLength, () => a.SetPassword(new byte[65536]), null);
        }

        [TestMethod]
        [DataRow("x-amz-customauthorizer-name")]
        [DataRow("X-AMZ-CUSTOMAUTHORIZER-SIGNATURE")]
        [DataRow("token")]
        [DataRow("")]
        [DataRow("a b")]
        [DataRow("a&b")]
        [DataRow("a=b")]
        [DataRow("a?b")]
        public void MetricsParameter_InvalidNames(string name)
        {
            CredentialAssert.Throws(CredentialFormatReason.InvalidUsernameParameter, () => Named().AddUsernameParameter(name, "v"), null);
        }

        [TestMethod]
        public void MetricsParameter_Duplicate_AndNonAsciiValue()
        {
            AwsIotMqttAuthorization a = Named();
            a.AddUsernameParameter("SDK", "x");
            CredentialAssert.Throws(CredentialFormatReason.InvalidUsernameParameter, () => a.AddUsernameParameter("sdk", "y"), null);

            // An unpaired surrogate is refused on the host (HostTests DeviceStrings/HostOnlyStringInputTests);
            // a device string holds U+FFFD instead, which is a valid value, like an emoji.
            a.AddUsernameParameter("V", "\ufffd\ud83d\ude00");
            AssertEndsWith("&SDK=x&V=%EF%BF%BD%F0%9F%98%80", a.Compose(Signed(), "device-1").Username);
        }

        private static void AssertEndsWith(string suffix, string text)
        {
            Assert.IsTrue(DeviceAuth.Encoding.AsciiText.EndsWithOrdinal(text, suffix), "ends with " + suffix);
        }

        [TestMethod]
        public void TokenLimits()
        {
            AuthToken tooLong = new AuthToken(new string('t', 6145), Signature, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 60));
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenLength, () => Named().Compose(tooLong, "device-1"), "tttttttt");
            AuthToken max = new AuthToken(new string('t', 6144), Signature, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 60));
            Assert.IsTrue(Named().Compose(max, "device-1").Username.Length > 6144);
        }

        [TestMethod]
        public void ClientIdLimits()
        {
            CredentialAssert.Throws(CredentialFormatReason.InvalidClientId, () => Named().Compose(Signed(), ""), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidClientId, () => Named().Compose(Signed(), new string('c', 129)), null);
        }

        [TestMethod]
        public void UsernameTooLong_Refused()
        {
            AwsIotMqttAuthorization a = Named();
            a.UsernamePrefix = new string('\u00e9', 32700);
            CredentialAssert.Throws(CredentialFormatReason.UsernameTooLong, () => a.Compose(Signed(), "device-1"), Token);
        }

        // The limit is 65535 UTF-8 bytes, not characters: exact boundary with ASCII and 2-byte prefixes.
        [TestMethod]
        public void UsernameLimit_IsExactAndCountsBytes()
        {
            int rest = Named().Compose(Signed(), "device-1").Username.Length;
            AwsIotMqttAuthorization a = Named();
            a.UsernamePrefix = new string('u', 65535 - rest);
            Assert.AreEqual(65535, a.Compose(Signed(), "device-1").Username.Length);
            a.UsernamePrefix = new string('u', 65536 - rest);
            CredentialAssert.Throws(CredentialFormatReason.UsernameTooLong, () => a.Compose(Signed(), "device-1"), null);
            if ((65536 - rest) % 2 == 0)
            {
                a.UsernamePrefix = new string('\u00e9', (65536 - rest) / 2);
            }
            else
            {
                a.UsernamePrefix = "u" + new string('\u00e9', (65535 - rest) / 2);
            }

            CredentialAssert.Throws(CredentialFormatReason.UsernameTooLong, () => a.Compose(Signed(), "device-1"), null);
        }

        [TestMethod]
        public void NonAsciiToken_IsPercentEncodedAsUtf8()
        {
            AwsIotMqttAuthorization a = new AwsIotMqttAuthorization("a", "k", true, new ManualClock(Now));
            AuthToken token = new AuthToken("t\u00f6 \u2713\ud83d\ude00+", null, DateTime.MinValue, AuthToken.NoExpiry);
            Assert.AreEqual("?x-amz-customauthorizer-name=a&k=t%C3%B6%20%E2%9C%93%F0%9F%98%80%2B", a.Compose(token, "c").Username);
        }

        [TestMethod]
        public void ToString_RevealsNoSecret()
        {
            MqttConnectCredentials c = Named().Compose(Signed(), "device-1");
            Assert.DoesNotContains(Token, c.ToString());
            Assert.DoesNotContains("ab+/", c.ToString());
        }
    }
}
