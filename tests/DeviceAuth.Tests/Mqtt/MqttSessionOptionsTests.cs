using System;
using DeviceAuth.Credentials;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Mqtt
{
    [TestClass]
    public class MqttSessionOptionsTests
    {
        private static string Repeat(string s, int n)
        {
            string r = string.Empty;
            for (int i = 0; i < n; i++)
            {
                r += s;
            }

            return r;
        }

        [TestMethod]
        public void ClientId_Of128AsciiCharacters_IsAccepted()
        {
            MqttSessionOptions options = new MqttSessionOptions(Repeat("a", 128), new LifetimeOptions(3600, 3600));
            Assert.AreEqual(128, options.ClientId.Length);
        }

        [TestMethod]
        public void ClientId_Of128CharactersButMoreThan128Utf8Bytes_IsRejectedAtConstruction()
        {
            // 64 two-byte characters + 64 ASCII: 128 characters, 192 UTF-8 bytes; Compose would refuse it on every connect.
            string id = Repeat("\u00e9", 64) + Repeat("a", 64);
            Assert.AreEqual(128, id.Length);
            Assert.ThrowsException(typeof(CredentialFormatException), () => new MqttSessionOptions(id, new LifetimeOptions(3600, 3600)));
        }

        [TestMethod]
        public void ClientId_EmptyOrNull_IsRejected()
        {
            Assert.ThrowsException(typeof(CredentialFormatException), () => new MqttSessionOptions(string.Empty, new LifetimeOptions(3600, 3600)));
            Assert.ThrowsException(typeof(CredentialFormatException), () => new MqttSessionOptions(null, new LifetimeOptions(3600, 3600)));
        }

        [TestMethod]
        public void ProtocolLevel_DefaultsTo311_AcceptsMqtt5_RejectsOtherValues()
        {
            MqttSessionOptions options = new MqttSessionOptions("d", new LifetimeOptions(3600, 3600));
            Assert.AreEqual((int)MqttProtocolLevel.Mqtt311, (int)options.ProtocolLevel);
            Assert.AreEqual(4, (int)MqttProtocolLevel.Mqtt311);
            Assert.AreEqual(5, (int)MqttProtocolLevel.Mqtt5);
            options.ProtocolLevel = MqttProtocolLevel.Mqtt5;
            Assert.AreEqual((int)MqttProtocolLevel.Mqtt5, (int)options.ProtocolLevel);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => options.ProtocolLevel = (MqttProtocolLevel)3);
            Assert.AreEqual((int)MqttProtocolLevel.Mqtt5, (int)options.ProtocolLevel);
        }

        [TestMethod]
        [DataRow(-1)]
        [DataRow(61)]
        public void MaxSessionTakeoversPerHour_OutsideZeroToSixty_IsRejected(int value)
        {
            MqttSessionOptions options = new MqttSessionOptions("d", new LifetimeOptions(3600, 3600));
            Assert.AreEqual(3, options.MaxSessionTakeoversPerHour);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => options.MaxSessionTakeoversPerHour = value);
            options.MaxSessionTakeoversPerHour = 0;
            options.MaxSessionTakeoversPerHour = 60;
            Assert.AreEqual(60, options.MaxSessionTakeoversPerHour);
        }
    }
}
