using System;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Tokens
{
    /// <summary>Caching and expiry rules shared by every minting source, exercised through DeviceSignedTokenSource.</summary>
    [TestClass]
    public class MintingTokenSourceTests
    {
        private const long Now = 1748736000L;

        private static DeviceSignedTokenSource Create(ManualClock clock, FakeSigner signer)
        {
            return new DeviceSignedTokenSource("device-1", signer, clock, new CountingRandom(), 3600);
        }

        [TestMethod]
        public void ReusesTheTokenWhileItStaysValidLongEnough()
        {
            ManualClock clock = new ManualClock(Now);
            FakeSigner signer = FakeSigner.Rs256();
            DeviceSignedTokenSource source = Create(clock, signer);
            AuthToken first = source.GetToken(300);
            clock.AdvanceSeconds(3000);
            Assert.AreSame(first, source.GetToken(300));
            Assert.AreEqual(1, signer.Calls);
        }

        [TestMethod]
        public void MintsWhenTheRemainingValidityIsTooShort()
        {
            ManualClock clock = new ManualClock(Now);
            FakeSigner signer = FakeSigner.Rs256();
            DeviceSignedTokenSource source = Create(clock, signer);
            AuthToken first = source.GetToken(300);
            clock.AdvanceSeconds(3301);
            AuthToken second = source.GetToken(300);
            Assert.AreNotSame(first, second);
            Assert.AreEqual(2, signer.Calls);
            Assert.IsTrue(second.SecondsRemaining(clock.UtcNow) >= 300);
        }

        // CUSTOM-AUTH pitfall 4: reconnect logic must never replay an expired token.
        [TestMethod]
        public void NeverHandsOutAnExpiredToken()
        {
            ManualClock clock = new ManualClock(Now);
            DeviceSignedTokenSource source = Create(clock, FakeSigner.Rs256());
            AuthToken first = source.GetToken(0);
            clock.AdvanceSeconds(3600);
            Assert.IsTrue(first.IsExpiredAt(clock.UtcNow));
            AuthToken second = source.GetToken(0);
            Assert.IsFalse(second.IsExpiredAt(clock.UtcNow));
            Assert.AreNotEqual(first.Token, second.Token);
        }

        [TestMethod]
        public void TokenTimesAreTheWholeSecondsOfTheClaims()
        {
            ManualClock clock = new ManualClock(Now);
            clock.AdvanceTicks(TimeSpan.TicksPerSecond * 3 / 4);
            AuthToken token = Create(clock, FakeSigner.Rs256()).GetToken(0);
            Assert.AreEqual(Now, UnixTime.ToSeconds(token.IssuedAt));
            Assert.AreEqual(Now + 3600, UnixTime.ToSeconds(token.ExpiresAt));
            CompactClaims claims = CompactClaims.Parse(token.Token);
            Assert.AreEqual(Now, claims.IssuedAtSeconds);
            Assert.AreEqual(Now + 3600, claims.ExpiresAtSeconds);
        }

        [TestMethod]
        public void RenewAlwaysMints()
        {
            ManualClock clock = new ManualClock(Now);
            FakeSigner signer = FakeSigner.Rs256();
            DeviceSignedTokenSource source = Create(clock, signer);
            AuthToken first = source.GetToken(0);
            AuthToken renewed = source.Renew();
            Assert.AreNotEqual(first.Token, renewed.Token);
            Assert.AreSame(renewed, source.GetToken(0));
            Assert.AreEqual(2, signer.Calls);
        }

        [TestMethod]
        public void RefusesToMintWithAnUnsetClock_AndDoesNotSign()
        {
            ManualClock clock = new ManualClock(0L);
            FakeSigner signer = FakeSigner.Rs256();
            DeviceSignedTokenSource source = Create(clock, signer);
            Assert.ThrowsException(typeof(ClockNotSetException), () => source.GetToken(0));
            Assert.ThrowsException(typeof(ClockNotSetException), () => source.Renew());
            Assert.AreEqual(0, signer.Calls);
        }

        [TestMethod]
        public void ClockResetAfterMinting_RefusesToHandOutTheCachedToken()
        {
            ManualClock clock = new ManualClock(Now);
            DeviceSignedTokenSource source = Create(clock, FakeSigner.Rs256());
            source.GetToken(0);
            clock.Set(UnixTime.FromSeconds(0));
            Assert.ThrowsException(typeof(ClockNotSetException), () => source.GetToken(0));
        }

        // SNTP may step the clock back: a token "issued in the future" would fail nbf/iat checks.
        [TestMethod]
        public void ClockSteppedBack_MintsAFreshToken()
        {
            ManualClock clock = new ManualClock(Now);
            DeviceSignedTokenSource source = Create(clock, FakeSigner.Rs256());
            AuthToken first = source.GetToken(0);
            clock.AdvanceSeconds(-120);
            AuthToken second = source.GetToken(0);
            Assert.AreNotSame(first, second);
            Assert.AreEqual(Now - 120, UnixTime.ToSeconds(second.IssuedAt));
        }

        [TestMethod]
        public void ValidityRequestsOutsideTheLifetime_Rejected()
        {
            DeviceSignedTokenSource source = Create(new ManualClock(Now), FakeSigner.Rs256());
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => source.GetToken(-1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => source.GetToken(3600));
            source.GetToken(3599);
        }

        [TestMethod]
        [DataRow(59)]
        [DataRow(31536001)]
        public void LifetimeOutOfRange_Rejected(int lifetime)
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new DeviceSignedTokenSource("device-1", FakeSigner.Rs256(), new ManualClock(Now), new CountingRandom(), lifetime));
        }
    }
}
