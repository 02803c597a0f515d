using System;
using DeviceAuth.Lifetime;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Lifetime
{
    [TestClass]
    public class ReconnectPlannerTests
    {
        private const long Hour = 3600000;

        [TestMethod]
        public void ServiceEnd_IsDisconnectAfter_WhenTheTokenOutlivesEveryRefresh()
        {
            ReconnectPlanner planner = new ReconnectPlanner(new LifetimeOptions(86400, 86400));
            Assert.AreEqual(86400000L, planner.ServiceEndAfterMs(Hour));
            Assert.AreEqual(86400000L, planner.ServiceEndAfterMs(long.MaxValue));
        }

        [TestMethod]
        public void ServiceEnd_IsTheFirstRefreshThatFindsTheTokenExpired()
        {
            // refresh every 300 s, token valid 3600 s, skew 60 s: valid until 3540 s; refresh at 3600 s fails.
            ReconnectPlanner planner = new ReconnectPlanner(new LifetimeOptions(300, 86400));
            Assert.AreEqual(3600000L, planner.ServiceEndAfterMs(Hour));

            // valid until exactly 3000 s (3060 - 60): the refresh at 3000 s finds it expired (expiry is exclusive).
            Assert.AreEqual(3000000L, planner.ServiceEndAfterMs(3060000));

            // already expired: the first refresh ends it.
            Assert.AreEqual(300000L, planner.ServiceEndAfterMs(0));
        }

        [TestMethod]
        public void PlannedReconnect_FallsInTheJitterWindowBeforeTheMargin()
        {
            LifetimeOptions options = new LifetimeOptions(86400, 86400);
            ReconnectPlanner planner = new ReconnectPlanner(options);
            long connectedAt = 5000;
            long latest = connectedAt + 86400000 - 60000;
            Assert.AreEqual(latest, planner.PlanReconnectAt(connectedAt, long.MaxValue, true, new PinnedRandom(true)));
            Assert.AreEqual(latest - Hour, planner.PlanReconnectAt(connectedAt, long.MaxValue, true, new PinnedRandom(false)));
        }

        [TestMethod]
        public void UnplannedConnection_SpreadsOverItsWholeLife()
        {
            ReconnectPlanner planner = new ReconnectPlanner(new LifetimeOptions(86400, 86400));
            Assert.AreEqual(30000L, planner.PlanReconnectAt(0, long.MaxValue, false, new PinnedRandom(false)));
            Assert.AreEqual(86340000L, planner.PlanReconnectAt(0, long.MaxValue, false, new PinnedRandom(true)));

            LifetimeOptions noSpread = new LifetimeOptions(86400, 86400);
            noSpread.SpreadUnplannedConnections = false;
            Assert.AreEqual(86340000L - Hour, new ReconnectPlanner(noSpread).PlanReconnectAt(0, long.MaxValue, false, new PinnedRandom(false)));
        }

        [TestMethod]
        public void ShortLivedToken_BringsTheReconnectForward()
        {
            // 1 h tokens, refresh every 300 s: the connection must be replaced before the refresh at 3600 s.
            ReconnectPlanner planner = new ReconnectPlanner(new LifetimeOptions(300, 86400));
            long at = planner.PlanReconnectAt(0, Hour, true, new PinnedRandom(true));
            Assert.AreEqual(Hour - 60000, at);
        }

        [TestMethod]
        public void NearlyExpiredToken_StillGetsAMinimumLife_NoTightLoop()
        {
            ReconnectPlanner planner = new ReconnectPlanner(new LifetimeOptions(300, 300));
            long at = planner.PlanReconnectAt(1000, 0, true, new PinnedRandom(false));
            Assert.IsTrue(at - 1000 >= ReconnectPlanner.MinimumConnectionMilliseconds, "reconnect planned too soon");
        }

        [TestMethod]
        public void Credentials_ArePreparedTwiceTheSigningTimeAhead()
        {
            LifetimeOptions options = new LifetimeOptions(86400, 86400);
            options.ExpectedSigningSeconds = 20;
            ReconnectPlanner planner = new ReconnectPlanner(options);
            Assert.AreEqual(1000000L - 40000, planner.PrepareCredentialsAt(0, 1000000));
            Assert.AreEqual(990000L, planner.PrepareCredentialsAt(990000, 1000000));
            Assert.AreEqual(1000 + options.MinimumConnectValiditySeconds, planner.ValidityNeededForReconnect(0, 1000000));
        }
    }
}
