using System;
using DeviceAuth.Lifetime;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Lifetime
{
    [TestClass]
    public class LifetimeOptionsTests
    {
        [TestMethod]
        [DataRow(299, 3600)]
        [DataRow(86401, 3600)]
        [DataRow(3600, 299)]
        [DataRow(3600, 86401)]
        [DataRow(0, 0)]
        public void WindowsOutsideTheServiceRange_AreRejected(int refresh, int disconnect)
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new LifetimeOptions(refresh, disconnect));
        }

        [TestMethod]
        [DataRow(300, 300)]
        [DataRow(86400, 86400)]
        [DataRow(300, 86400)]
        public void WindowsAtTheLimits_AreAccepted(int refresh, int disconnect)
        {
            LifetimeOptions options = new LifetimeOptions(refresh, disconnect);
            options.Validate();
            Assert.AreEqual(refresh, options.RefreshAfterInSeconds);
            Assert.AreEqual(disconnect, options.DisconnectAfterInSeconds);
        }

        [TestMethod]
        public void DefaultJitter_IsTheLastHour_OrAQuarterOfShortWindows()
        {
            Assert.AreEqual(3600, new LifetimeOptions(86400, 86400).ReconnectJitterSeconds);
            Assert.AreEqual(75, new LifetimeOptions(300, 300).ReconnectJitterSeconds);
        }

        [TestMethod]
        public void MarginsThatDoNotFit_AreRejectedByValidate()
        {
            LifetimeOptions options = new LifetimeOptions(300, 300);
            options.ReconnectMarginSeconds = 200;
            Assert.ThrowsException(typeof(ArgumentException), () => options.Validate());
        }

        [TestMethod]
        public void SettersValidate()
        {
            LifetimeOptions options = new LifetimeOptions(3600, 3600);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => options.ClockSkewSeconds = -1);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => options.ExpectedSigningSeconds = 601);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => options.MaxAttemptsPerMinute = 0);
            Assert.ThrowsException(typeof(ArgumentNullException), () => options.TransientBackoff = null);
            Assert.ThrowsException(typeof(ArgumentNullException), () => options.ThrottledBackoff = null);
        }

        [TestMethod]
        public void ThrottledBackoff_Default_ThirtySecondFloor_TwoMinuteBase_TenMinuteCap()
        {
            LifetimeOptions options = new LifetimeOptions(3600, 3600);
            Assert.AreEqual(30000, options.ThrottledBackoff.MinimumDelayMilliseconds);
            Assert.AreEqual(120000, options.ThrottledBackoff.BaseDelayMilliseconds);
            Assert.AreEqual(600000, options.ThrottledBackoff.MaximumDelayMilliseconds);
        }
    }
}
