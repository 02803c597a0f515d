using System;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Lifetime
{
    [TestClass]
    public class TokenKeeperTests
    {
        private static readonly DateTime Start = new DateTime(2026, 3, 1, 12, 0, 0);

        [TestMethod]
        public void KeepsTheTokenWhileValid_RenewsWhenShort()
        {
            VirtualTime time = new VirtualTime(Start, 1000);
            ScriptedTokenSource source = new ScriptedTokenSource(time, 3600);
            TokenKeeper keeper = new TokenKeeper(source, time, time);
            AuthToken first = keeper.Ensure(300);
            Assert.AreSame(first, keeper.Ensure(300));
            Assert.AreEqual(3600000L, keeper.RemainingMilliseconds());
            time.Advance(3400000);
            AuthToken second = keeper.Ensure(300);
            Assert.AreNotSame(first, second);
            Assert.AreEqual(2, source.Mints);
        }

        [TestMethod]
        public void WallClockSetForwardByDecades_ForcesOneRenewal()
        {
            // Tokens minted before SNTP: the wall clock then jumps 30 years forward.
            VirtualTime time = new VirtualTime(new DateTime(2000, 1, 1), 0);
            ScriptedTokenSource source = new ScriptedTokenSource(time, 3600);
            TokenKeeper keeper = new TokenKeeper(source, time, time);
            keeper.Ensure(300);
            time.JumpWall(946080000000L);
            Assert.AreEqual(0L, keeper.RemainingMilliseconds());
            AuthToken renewed = keeper.Ensure(300);
            Assert.AreEqual(2, source.Mints);
            Assert.IsFalse(renewed.IsExpiredAt(time.UtcNow));
            Assert.AreSame(renewed, keeper.Ensure(300));
            Assert.AreEqual(2, source.Mints, "no burst of renewals after the jump");
        }

        [TestMethod]
        public void WallClockSetBack_CannotMakeATokenLookYounger()
        {
            VirtualTime time = new VirtualTime(Start, 0);
            ScriptedTokenSource source = new ScriptedTokenSource(time, 3600);
            TokenKeeper keeper = new TokenKeeper(source, time, time);
            AuthToken first = keeper.Ensure(300);
            time.JumpWall(-2 * 3600000L);
            time.Advance(3500000);

            // The source (wall clock) believes the token has 2 h left; elapsed time says 100 s.
            Assert.AreEqual(100000L, keeper.RemainingMilliseconds());
            AuthToken second = keeper.Ensure(300);
            Assert.AreNotSame(first, second);
            Assert.AreEqual(1, source.Renewals, "the keeper forced a renewal the source would not have made");
        }

        [TestMethod]
        public void SharedTwoClockHelpers_KeepTheStricterClock()
        {
            VirtualTime time = new VirtualTime(Start, 5000);
            AuthToken token = new AuthToken("t", null, Start, Start.AddSeconds(600));
            long expiry = TokenKeeper.MonotonicExpiry(token, time, time);
            Assert.AreEqual(5000L + 600000L, expiry);
            time.Advance(100000);
            Assert.AreEqual(500000L, TokenKeeper.RemainingByBothClocks(token, expiry, time, time));

            // The wall clock set back cannot add validity; set forward it removes some.
            time.JumpWall(-3600000);
            Assert.AreEqual(500000L, TokenKeeper.RemainingByBothClocks(token, expiry, time, time));
            time.JumpWall(3600000 + 200000);
            Assert.AreEqual(300000L, TokenKeeper.RemainingByBothClocks(token, expiry, time, time));
            time.Advance(1000000);
            Assert.AreEqual(0L, TokenKeeper.RemainingByBothClocks(token, expiry, time, time));

            // AuthToken.NoExpiry and DateTime.MaxValue both mean "never" (on the device NoExpiry once read
            // DateTime.MaxValue before mscorlib had set it, when the assemblies loaded in another order).
            AuthToken forever = new AuthToken("t", null, Start, AuthToken.NoExpiry);
            Assert.IsFalse(forever.HasExpiry);
            Assert.AreEqual(long.MaxValue, TokenKeeper.MonotonicExpiry(forever, time, time));
            Assert.AreEqual(long.MaxValue, TokenKeeper.RemainingByBothClocks(forever, long.MaxValue, time, time));
            AuthToken maxValue = new AuthToken("t", null, Start, DateTime.MaxValue);
            Assert.IsFalse(maxValue.HasExpiry);
            Assert.AreEqual(long.MaxValue, TokenKeeper.MonotonicExpiry(maxValue, time, time));
        }

        [TestMethod]
        public void Renew_AlwaysAsksTheSource()
        {
            VirtualTime time = new VirtualTime(Start, 0);
            ScriptedTokenSource source = new ScriptedTokenSource(time, 3600);
            TokenKeeper keeper = new TokenKeeper(source, time, time);
            AuthToken first = keeper.Ensure(300);
            AuthToken second = keeper.Renew();
            Assert.AreNotSame(first, second);
            Assert.AreEqual(2, keeper.TokensReceived);
        }
    }
}
