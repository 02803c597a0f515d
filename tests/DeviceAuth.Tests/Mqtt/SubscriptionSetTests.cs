using System;
using DeviceAuth.Mqtt;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Mqtt
{
    [TestClass]
    public class SubscriptionSetTests
    {
        [TestMethod]
        public void Set_KeepsFirstSubscriptionOrder_AndUpdatesQosInPlace()
        {
            SubscriptionSet set = new SubscriptionSet();
            set.Set("a", 1);
            set.Set("b", 0);
            set.Set("a", 2);
            Assert.AreEqual(2, set.Count);
            string[] topics = set.CopyTopics();
            byte[] qos = set.CopyQosLevels();
            Assert.AreEqual("a", topics[0]);
            Assert.AreEqual("b", topics[1]);
            Assert.AreEqual((byte)2, qos[0]);
            Assert.AreEqual((byte)0, qos[1]);
        }

        [TestMethod]
        public void Remove_ForgetsTheFilterAndItsQos_UnknownIsFalse()
        {
            SubscriptionSet set = new SubscriptionSet();
            set.Set("a", 1);
            set.Set("b", 0);
            Assert.IsTrue(set.Remove("a"));
            Assert.IsFalse(set.Remove("a"));
            Assert.AreEqual(1, set.Count);
            Assert.AreEqual("b", set.CopyTopics()[0]);
            Assert.AreEqual((byte)0, set.CopyQosLevels()[0]);
        }

        [TestMethod]
        public void Copies_AreSnapshots()
        {
            SubscriptionSet set = new SubscriptionSet();
            set.Set("a", 1);
            string[] topics = set.CopyTopics();
            topics[0] = "changed";
            set.Set("b", 1);
            Assert.AreEqual("a", set.CopyTopics()[0]);
            Assert.AreEqual(1, topics.Length);
        }

        [TestMethod]
        public void Set_NullTopic_Throws()
        {
            SubscriptionSet set = new SubscriptionSet();
            Assert.ThrowsException(typeof(ArgumentNullException), () => set.Set(null, 0));
        }
    }
}
