using System;
using DeviceAuth.Mqtt;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Mqtt
{
    /// <summary>
    /// The decision table of docs/session-lifetime.md, row by row. Decisions as ints: 0 None, 1 Reconnect,
    /// 2 RenewCredentials, 3 BackOffLonger, 4 PlannedReconnect, 5 SessionTakenOver, 6 Halt, 7 ConfigurationError.
    /// </summary>
    [TestClass]
    public class ReasonCodePolicyTests
    {
        [TestMethod]
        [DataRow(0x00, 0)]
        [DataRow(0x01, 7)]
        [DataRow(0x02, 7)]
        [DataRow(0x03, 3)]
        [DataRow(0x04, 2)]
        [DataRow(0x05, 2)]
        [DataRow(0x80, 3)]
        [DataRow(0x81, 7)]
        [DataRow(0x82, 7)]
        [DataRow(0x83, 3)]
        [DataRow(0x84, 7)]
        [DataRow(0x85, 7)]
        [DataRow(0x86, 2)]
        [DataRow(0x87, 2)]
        [DataRow(0x88, 3)]
        [DataRow(0x89, 3)]
        [DataRow(0x8A, 6)]
        [DataRow(0x8C, 7)]
        [DataRow(0x90, 7)]
        [DataRow(0x95, 7)]
        [DataRow(0x97, 3)]
        [DataRow(0x99, 7)]
        [DataRow(0x9A, 7)]
        [DataRow(0x9B, 7)]
        [DataRow(0x9C, 3)]
        [DataRow(0x9D, 7)]
        [DataRow(0x9F, 3)]
        [DataRow(0x06, 3)]
        [DataRow(0x7F, 3)]
        [DataRow(0x8B, 3)]
        [DataRow(0x8D, 3)]
        [DataRow(0x8E, 3)]
        [DataRow(0xA0, 3)]
        [DataRow(0xFF, 3)]
        public void Connack_EveryCode_HasItsDecision(int code, int decision)
        {
            Assert.AreEqual(decision, (int)ReasonCodePolicy.ForConnack(code));
        }

        [TestMethod]
        [DataRow(-1, 1)]
        [DataRow(0x00, 1)]
        [DataRow(0x80, 1)]
        [DataRow(0x81, 7)]
        [DataRow(0x82, 7)]
        [DataRow(0x83, 3)]
        [DataRow(0x87, 2)]
        [DataRow(0x89, 3)]
        [DataRow(0x8B, 1)]
        [DataRow(0x8D, 1)]
        [DataRow(0x8E, 5)]
        [DataRow(0x8F, 3)]
        [DataRow(0x90, 3)]
        [DataRow(0x93, 3)]
        [DataRow(0x94, 3)]
        [DataRow(0x95, 3)]
        [DataRow(0x96, 3)]
        [DataRow(0x97, 3)]
        [DataRow(0x98, 3)]
        [DataRow(0x99, 3)]
        [DataRow(0x9A, 3)]
        [DataRow(0x9B, 3)]
        [DataRow(0x9C, 3)]
        [DataRow(0x9D, 7)]
        [DataRow(0x9E, 3)]
        [DataRow(0x9F, 3)]
        [DataRow(0xA0, 4)]
        [DataRow(0xA1, 3)]
        [DataRow(0xA2, 3)]
        [DataRow(0x04, 1)]
        [DataRow(0x10, 1)]
        [DataRow(0x84, 7)]
        [DataRow(0x85, 7)]
        [DataRow(0x86, 2)]
        [DataRow(0x88, 3)]
        [DataRow(0x8A, 6)]
        [DataRow(0x8C, 7)]
        [DataRow(0x91, 3)]
        [DataRow(0x92, 3)]
        [DataRow(0xA3, 3)]
        [DataRow(0xFF, 3)]
        public void Disconnect_EveryCode_HasItsDecision(int code, int decision)
        {
            Assert.AreEqual(decision, (int)ReasonCodePolicy.ForDisconnect(code));
        }

        [TestMethod]
        [DataRow(0, 0x00)]
        [DataRow(1, 0x84)]
        [DataRow(2, 0x85)]
        [DataRow(3, 0x88)]
        [DataRow(4, 0x86)]
        [DataRow(5, 0x87)]
        public void ReturnCodes311_MapToTheirMqtt5Meaning(int returnCode, int reasonCode)
        {
            Assert.AreEqual(reasonCode, MqttReturnCodes.ToReasonCode(returnCode));
            Assert.AreEqual((int)ReasonCodePolicy.ForConnack(reasonCode), (int)ReasonCodePolicy.ForConnack(returnCode));
        }

        [TestMethod]
        [DataRow(-1)]
        [DataRow(6)]
        [DataRow(0x80)]
        public void ReturnCodes311_OutsideZeroToFive_Throw(int returnCode)
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => MqttReturnCodes.ToReasonCode(returnCode));
        }

        [TestMethod]
        public void EveryByte_HasADecision_OnlyAcceptedIsNone_AndADisconnectIsNeverNone()
        {
            for (int code = 0; code <= 255; code++)
            {
                int connack = (int)ReasonCodePolicy.ForConnack(code);
                int disconnect = (int)ReasonCodePolicy.ForDisconnect(code);
                Assert.IsTrue(connack >= 0 && connack <= 7 && disconnect >= 1 && disconnect <= 7, "code " + code.ToString());
                Assert.AreEqual(code == 0, connack == 0, "code " + code.ToString());
                Assert.AreNotEqual((int)ReasonCodeDecision.SessionTakenOver, connack, "a CONNACK cannot report a takeover");
                Assert.AreNotEqual((int)ReasonCodeDecision.PlannedReconnect, connack, "a CONNACK cannot report the maximum connect time");
            }
        }

        [TestMethod]
        [DataRow(-2)]
        [DataRow(256)]
        public void CodesThatAreNotAByte_Throw(int code)
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => ReasonCodePolicy.ForDisconnect(code));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => ReasonCodePolicy.ForConnack(code));
        }

        [TestMethod]
        public void ConnackMinusOne_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => ReasonCodePolicy.ForConnack(-1));
        }

        [TestMethod]
        [DataRow(6, true)]
        [DataRow(7, true)]
        [DataRow(0, false)]
        [DataRow(1, false)]
        [DataRow(2, false)]
        [DataRow(3, false)]
        [DataRow(4, false)]
        [DataRow(5, false)]
        public void OnlyHaltAndConfigurationError_Stop(int decision, bool stops)
        {
            Assert.AreEqual(stops, ReasonCodePolicy.Stops((ReasonCodeDecision)decision));
        }
    }
}
