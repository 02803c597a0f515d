using System;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Tokens
{
    [TestClass]
    public class StaticTokenSourceTests
    {
        private const long Now = 1748736000L;

        [TestMethod]
        public void NoExpiry_ReturnsTheProvisionedToken()
        {
            StaticTokenSource source = new StaticTokenSource("provisioned", "c2ln");
            AuthToken token = source.GetToken(3600);
            Assert.AreEqual("provisioned", token.Token);
            Assert.AreEqual("c2ln", token.TokenSignature);
            Assert.IsFalse(token.HasExpiry);
            Assert.AreSame(token, source.Renew());
        }

        [TestMethod]
        public void WithExpiry_HandedOutWhileValid()
        {
            ManualClock clock = new ManualClock(Now);
            AuthToken provisioned = new AuthToken("provisioned", null, UnixTime.FromSeconds(Now - 10), UnixTime.FromSeconds(Now + 600));
            StaticTokenSource source = new StaticTokenSource(provisioned, clock);
            Assert.AreSame(provisioned, source.GetToken(0));
            Assert.AreSame(provisioned, source.GetToken(600));
        }

        [TestMethod]
        public void WithExpiry_NeverHandsOutAnExpiredToken()
        {
            ManualClock clock = new ManualClock(Now);
            AuthToken provisioned = new AuthToken("SECRET-provisioned", null, UnixTime.FromSeconds(Now - 10), UnixTime.FromSeconds(Now + 600));
            StaticTokenSource source = new StaticTokenSource(provisioned, clock);
            clock.AdvanceSeconds(600);
            Assert.ThrowsException(typeof(TokenExpiredException), () => source.GetToken(0));
            Assert.ThrowsException(typeof(TokenExpiredException), () => source.Renew());
            try
            {
                source.GetToken(0);
            }
            catch (TokenExpiredException e)
            {
                Assert.DoesNotContains("SECRET", e.Message);
            }
        }

        [TestMethod]
        public void WithExpiry_RefusesWhenRequiredValidityCannotBeMet()
        {
            ManualClock clock = new ManualClock(Now);
            AuthToken provisioned = new AuthToken("provisioned", null, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 600));
            StaticTokenSource source = new StaticTokenSource(provisioned, clock);
            Assert.ThrowsException(typeof(TokenExpiredException), () => source.GetToken(601));
        }

        [TestMethod]
        public void WithExpiry_UnsetClock_Throws()
        {
            ManualClock clock = new ManualClock(0L);
            AuthToken provisioned = new AuthToken("provisioned", null, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 600));
            StaticTokenSource source = new StaticTokenSource(provisioned, clock);
            Assert.ThrowsException(typeof(ClockNotSetException), () => source.GetToken(0));
        }

        [TestMethod]
        public void NegativeValidity_Rejected()
        {
            StaticTokenSource source = new StaticTokenSource("provisioned", null);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => source.GetToken(-1));
        }
    }
}
