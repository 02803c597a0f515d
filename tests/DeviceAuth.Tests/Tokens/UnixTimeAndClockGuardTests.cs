using System;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Tokens
{
    [TestClass]
    public class UnixTimeAndClockGuardTests
    {
        [TestMethod]
        public void UnixTime_KnownInstants()
        {
            Assert.AreEqual(0L, UnixTime.ToSeconds(new DateTime(1970, 1, 1, 0, 0, 0)));
            Assert.AreEqual(1748736000L, UnixTime.ToSeconds(new DateTime(2025, 6, 1, 0, 0, 0)));
            Assert.AreEqual(new DateTime(2025, 6, 1, 0, 0, 0).Ticks, UnixTime.FromSeconds(1748736000L).Ticks);
        }

        [TestMethod]
        public void UnixTime_RoundsDown_IncludingBeforeTheEpoch()
        {
            DateTime halfPast = new DateTime(2025, 6, 1, 0, 0, 0).AddTicks(TimeSpan.TicksPerSecond / 2);
            Assert.AreEqual(1748736000L, UnixTime.ToSeconds(halfPast));
            DateTime justBefore = new DateTime(1970, 1, 1, 0, 0, 0).AddTicks(-1);
            Assert.AreEqual(-1L, UnixTime.ToSeconds(justBefore));
        }

        [TestMethod]
        public void UnixTime_FromSeconds_RejectsOutOfRange()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => UnixTime.FromSeconds(-1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => UnixTime.FromSeconds(253402300800L));
        }

        [TestMethod]
        public void EarliestPlausibleTime_Is2024_01_01()
        {
            Assert.AreEqual(1704067200L, UnixTime.ToSeconds(ClockGuard.EarliestPlausibleTime));
        }

        // An unset device clock reads 1970 or 2000; the last second of 2023 is still "unset".
        [TestMethod]
        [DataRow(0L)]
        [DataRow(946684800L)]
        [DataRow(1704067199L)]
        public void ReadUtc_RefusesAnUnsetClock(long unixSeconds)
        {
            ManualClock clock = new ManualClock(unixSeconds);
            Assert.ThrowsException(typeof(ClockNotSetException), () => ClockGuard.ReadUtc(clock));
        }

        [TestMethod]
        public void ReadUtc_AcceptsASetClock()
        {
            ManualClock clock = new ManualClock(1704067200L);
            Assert.AreEqual(1704067200L, UnixTime.ToSeconds(ClockGuard.ReadUtc(clock)));
        }

        [TestMethod]
        public void ClockNotSetException_ReportsTheReading()
        {
            ManualClock clock = new ManualClock(946684800L);
            try
            {
                ClockGuard.ReadUtc(clock);
                Assert.IsTrue(false, "no exception");
            }
            catch (ClockNotSetException e)
            {
                Assert.AreEqual(946684800L, UnixTime.ToSeconds(e.ClockReading));
                Assert.Contains("2000-01-01", e.Message);
            }
        }

        [TestMethod]
        public void EnsureSendable_TokenWithoutExpiry_NeedsNoClock()
        {
            AuthToken token = new AuthToken("tok", null, DateTime.MinValue, AuthToken.NoExpiry);
            ClockGuard.EnsureSendable(token, new ManualClock(0L));
        }

        [TestMethod]
        public void EnsureSendable_ExpiringToken_UnsetClock_Throws()
        {
            AuthToken token = new AuthToken("tok", null, UnixTime.FromSeconds(1748736000L), UnixTime.FromSeconds(1748739600L));
            Assert.ThrowsException(typeof(ClockNotSetException), () => ClockGuard.EnsureSendable(token, new ManualClock(0L)));
        }

        [TestMethod]
        public void EnsureSendable_ExpiredToken_Throws_WithoutTheToken()
        {
            AuthToken token = new AuthToken("SECRET-TOKEN-123", null, UnixTime.FromSeconds(1748736000L), UnixTime.FromSeconds(1748739600L));
            ManualClock clock = new ManualClock(1748739600L);
            try
            {
                ClockGuard.EnsureSendable(token, clock);
                Assert.IsTrue(false, "no exception");
            }
            catch (TokenExpiredException e)
            {
                Assert.DoesNotContains("SECRET", e.Message);
                Assert.AreEqual(token.ExpiresAt, e.ExpiresAt);
            }

            clock.AdvanceSeconds(-1);
            ClockGuard.EnsureSendable(token, clock);
        }
    }
}
