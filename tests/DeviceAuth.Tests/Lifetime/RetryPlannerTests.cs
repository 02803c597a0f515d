using System;
using DeviceAuth.Lifetime;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Lifetime
{
    [TestClass]
    public class RetryPlannerTests
    {
        [TestMethod]
        public void Refusal_RenewsOnce_ThenTakesTheLongPath()
        {
            LifetimeOptions options = new LifetimeOptions(3600, 3600);
            RetryPlanner retry = new RetryPlanner(options, new PinnedRandom(true));
            retry.RecordAttempt(0);
            long next = retry.OnFailure(FailureKind.AuthorizationRefused, 0);
            Assert.IsTrue(retry.RenewBeforeNextAttempt);
            Assert.AreEqual(30000L, next, "first refusal: short transient delay");
            retry.RecordAttempt(next);
            Assert.IsFalse(retry.RenewBeforeNextAttempt);

            long second = retry.OnFailure(FailureKind.AuthorizationRefused, next);
            Assert.AreEqual(next + 120000, second, "renewed credentials refused: refusal backoff");
            retry.RecordAttempt(second);
            long third = retry.OnFailure(FailureKind.AuthorizationRefused, second);
            Assert.AreEqual(second + 240000, third);
            Assert.AreEqual(3, retry.ConsecutiveRefusals);
        }

        [TestMethod]
        public void TransientFailures_BackOffExponentially()
        {
            RetryPlanner retry = new RetryPlanner(new LifetimeOptions(3600, 3600), new PinnedRandom(true));
            long now = 0;
            long[] expected = new long[] { 30000, 60000, 120000, 240000, 300000, 300000 };
            for (int i = 0; i < expected.Length; i++)
            {
                retry.RecordAttempt(now);
                long next = retry.OnFailure(FailureKind.Transient, now);
                Assert.AreEqual(expected[i], next - now);
                now = next;
            }
        }

        [TestMethod]
        public void ImmediateFailures_AreCappedPerMinute()
        {
            LifetimeOptions options = new LifetimeOptions(3600, 3600);
            RetryPlanner retry = new RetryPlanner(options, new PinnedRandom(false));
            long now = 0;
            long[] attempts = new long[20];
            for (int i = 0; i < attempts.Length; i++)
            {
                retry.RecordAttempt(now);
                attempts[i] = now;
                now = retry.OnFailure(FailureKind.CredentialsUnavailable, now);
            }

            for (int i = 0; i + options.MaxAttemptsPerMinute < attempts.Length; i++)
            {
                Assert.IsTrue(attempts[i + options.MaxAttemptsPerMinute] - attempts[i] >= 60000, "more than the cap in a minute");
            }

            for (int i = 1; i < attempts.Length; i++)
            {
                Assert.IsTrue(attempts[i] - attempts[i - 1] >= 1000, "tight loop");
            }
        }

        [TestMethod]
        public void ShortConnections_ContinueTheStreak_StableOnesEndIt()
        {
            RetryPlanner retry = new RetryPlanner(new LifetimeOptions(3600, 3600), new PinnedRandom(true));
            retry.RecordAttempt(0);
            long next = retry.OnFailure(FailureKind.Transient, 0);
            retry.RecordAttempt(next);
            retry.OnConnected(next);
            long after = retry.OnConnectionLost(next + 5000);
            Assert.AreEqual(2, retry.ConsecutiveFailures);
            Assert.AreEqual(60000L, after - (next + 5000));

            retry.RecordAttempt(after);
            retry.OnConnected(after);
            long stable = retry.OnConnectionLost(after + 3600000);
            Assert.AreEqual(1, retry.ConsecutiveFailures);
            Assert.AreEqual(30000L, stable - (after + 3600000));
        }

        [TestMethod]
        public void Throttled_TakesTheThrottledPath_AndCountsInTheStreak()
        {
            RetryPlanner retry = new RetryPlanner(new LifetimeOptions(3600, 3600), new PinnedRandom(true));
            long now = 0;
            long[] expected = new long[] { 120000, 240000, 480000, 600000, 600000, 600000 };
            for (int i = 0; i < expected.Length; i++)
            {
                retry.RecordAttempt(now);
                long next = retry.OnFailure(FailureKind.Throttled, now);
                Assert.AreEqual(expected[i], next - now);
                Assert.IsFalse(retry.RenewBeforeNextAttempt, "throttling is not cured by renewing");
                now = next;
            }

            Assert.AreEqual(expected.Length, retry.ConsecutiveFailures);
            Assert.AreEqual(0, retry.ConsecutiveRefusals);
        }

        [TestMethod]
        public void Throttled_FloorIsThirtySeconds()
        {
            RetryPlanner retry = new RetryPlanner(new LifetimeOptions(3600, 3600), new PinnedRandom(false));
            retry.RecordAttempt(0);
            Assert.AreEqual(30000L, retry.OnFailure(FailureKind.Throttled, 0));
        }

        [TestMethod]
        public void ConnectionEndedByTheService_ForAKind_UsesThatPath_AfterAStableConnectionEndsTheStreak()
        {
            RetryPlanner retry = new RetryPlanner(new LifetimeOptions(3600, 3600), new PinnedRandom(true));
            retry.RecordAttempt(0);
            long next = retry.OnFailure(FailureKind.Throttled, 0);
            retry.RecordAttempt(next);
            retry.OnConnected(next);
            long lost = next + 3600000;
            long after = retry.OnConnectionLost(FailureKind.AuthorizationRefused, lost);
            Assert.AreEqual(1, retry.ConsecutiveFailures, "the stable connection ended the throttled streak");
            Assert.IsTrue(retry.RenewBeforeNextAttempt);
            Assert.AreEqual(30000L, after - lost);
        }

        [TestMethod]
        [DataRow(0, 0)]
        [DataRow(1, 30000)]
        public void ServiceEndedAStableConnection_NotAFailure_NextAttemptWithinTheFirstTransientWindow(int top, int expectedDelay)
        {
            RetryPlanner retry = new RetryPlanner(new LifetimeOptions(3600, 3600), new PinnedRandom(top == 1));
            retry.RecordAttempt(0);
            retry.OnConnected(0);
            long next = retry.OnServiceEndedConnection(3000000);
            Assert.AreEqual((long)expectedDelay, next - 3000000);
            Assert.AreEqual(0, retry.ConsecutiveFailures);
        }

        [TestMethod]
        public void ServiceEndedAShortConnection_IsATransientFailure()
        {
            RetryPlanner retry = new RetryPlanner(new LifetimeOptions(3600, 3600), new PinnedRandom(true));
            retry.RecordAttempt(0);
            retry.OnConnected(0);
            long next = retry.OnServiceEndedConnection(5000);
            Assert.AreEqual(1, retry.ConsecutiveFailures);
            Assert.AreEqual(35000L, next);
        }
    }
}
