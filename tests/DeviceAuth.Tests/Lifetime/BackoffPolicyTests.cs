using System;
using DeviceAuth.Lifetime;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Lifetime
{
    [TestClass]
    public class BackoffPolicyTests
    {
        [TestMethod]
        [DataRow(1, 15000)]
        [DataRow(2, 30000)]
        [DataRow(3, 60000)]
        [DataRow(4, 120000)]
        [DataRow(5, 240000)]
        [DataRow(6, 300000)]
        [DataRow(40, 300000)]
        public void Ceiling_DoublesPerFailure_UpToTheCap(int failures, int expected)
        {
            BackoffPolicy policy = new BackoffPolicy(1000, 15000, 300000);
            Assert.AreEqual(expected, policy.CeilingMilliseconds(failures));
        }

        [TestMethod]
        public void Delay_SpansFloorToCeiling_FullJitter()
        {
            BackoffPolicy policy = new BackoffPolicy(1000, 15000, 300000);
            Assert.AreEqual(1000, policy.DelayMilliseconds(3, new PinnedRandom(false)));
            Assert.AreEqual(60000, policy.DelayMilliseconds(3, new PinnedRandom(true)));
            Assert.AreEqual(300000, policy.DelayMilliseconds(12, new PinnedRandom(true)));
        }

        [TestMethod]
        public void Delay_IsUniformOverTheWindow()
        {
            BackoffPolicy policy = new BackoffPolicy(1000, 15000, 300000);
            SystemRandomSource random = new SystemRandomSource(7);
            long sum = 0;
            int below = 0;
            const int n = 4000;
            for (int i = 0; i < n; i++)
            {
                int d = policy.DelayMilliseconds(2, random);
                Assert.IsTrue(d >= 1000 && d <= 30000, "delay out of [floor, ceiling]");
                sum += d;
                if (d < 15500)
                {
                    below++;
                }
            }

            long mean = sum / n;
            Assert.IsTrue(mean > 14500 && mean < 16500, "mean of uniform [1000, 30000] should be near 15500, was " + mean.ToString());
            Assert.IsTrue(below > n * 45 / 100 && below < n * 55 / 100, "half the draws should fall below the midpoint");
        }

        [TestMethod]
        public void InvalidPolicies_AreRejected()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new BackoffPolicy(0, 10, 100));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new BackoffPolicy(100, 10, 1000));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new BackoffPolicy(10, 100, 50));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new BackoffPolicy(10, 100, 86400001));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new BackoffPolicy(10, 100, 1000).CeilingMilliseconds(0));
        }
    }
}
