using System;
using DeviceAuth.Lifetime;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Lifetime
{
    [TestClass]
    public class AttemptLimiterTests
    {
        [TestMethod]
        public void FullWindow_PushesTheNextAttemptPastTheOldest()
        {
            AttemptLimiter limiter = new AttemptLimiter(3, 60000);
            Assert.AreEqual(500L, limiter.EarliestAttemptAt(500));
            limiter.RecordAttempt(0);
            limiter.RecordAttempt(1000);
            limiter.RecordAttempt(2000);
            Assert.AreEqual(60000L, limiter.EarliestAttemptAt(2500));
            Assert.AreEqual(70000L, limiter.EarliestAttemptAt(70000));
            Assert.AreEqual(3, limiter.AttemptsWithinWindow(2500));
            limiter.RecordAttempt(60000);
            Assert.AreEqual(61000L, limiter.EarliestAttemptAt(60001));
            Assert.AreEqual(2, limiter.AttemptsWithinWindow(61500));
        }

        [TestMethod]
        public void AnySequenceObeyingTheLimiter_NeverExceedsTheCapInAnyWindow()
        {
            AttemptLimiter limiter = new AttemptLimiter(6, 60000);
            SystemRandomSource random = new SystemRandomSource(3);
            long[] times = new long[200];
            long now = 0;
            for (int i = 0; i < times.Length; i++)
            {
                now = limiter.EarliestAttemptAt(now + random.Next(5000));
                limiter.RecordAttempt(now);
                times[i] = now;
            }

            for (int i = 0; i + 6 < times.Length; i++)
            {
                Assert.IsTrue(times[i + 6] - times[i] >= 60000, "7 attempts within 60 s");
            }
        }

        [TestMethod]
        public void InvalidArguments_AreRejected()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new AttemptLimiter(0, 60000));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new AttemptLimiter(5, 0));
        }
    }
}
