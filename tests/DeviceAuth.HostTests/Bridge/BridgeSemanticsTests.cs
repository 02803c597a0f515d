using System;
using System.Collections.Generic;
using System.Linq;
using BridgeFixtures;
using nanoFramework.TestFramework.HostRunner;
using Xunit;

namespace DeviceAuth.HostTests.Bridge
{
    /// <summary>
    /// The host bridge must behave like the device launcher; these tests run deliberately failing,
    /// skipping and order-recording fixtures through it and check what it reports.
    /// </summary>
    [Collection("BridgeFixtures")]
    public class BridgeSemanticsTests
    {
        private static Dictionary<string, NanoTestResult> Run(Type fixture)
        {
            return NanoTestRunner.RunClass(fixture).ToDictionary(r => r.Case.Id);
        }

        [Fact]
        public void SetupFirst_ThenTestMethods_ThenEachDataRow_ThenCleanup()
        {
            CallLog.Calls.Clear();
            var results = NanoTestRunner.RunClass(typeof(OrderFixture));
            Assert.All(results, r => Assert.Equal(NanoOutcome.Passed, r.Outcome));
            Assert.Equal(
                new[] { "Setup", "First", "Second", "Rows:1:one", "Rows:2:two", "Rows:3:three", "Cleanup" },
                CallLog.Calls.Cast<string>().ToArray());
        }

        [Fact]
        public void EachDataRowIsItsOwnCase_NamedWithItsIndex()
        {
            var ids = NanoTestRunner.Discover(typeof(OrderFixture)).Select(c => c.Id).ToArray();
            Assert.Equal(
                new[] { "OrderFixture.Prepare", "OrderFixture.First", "OrderFixture.Second", "OrderFixture.Rows.0", "OrderFixture.Rows.1", "OrderFixture.Rows.2", "OrderFixture.Done" },
                ids);
        }

        [Fact]
        public void FailingAssert_Fails_WithItsMessage()
        {
            var r = Run(typeof(OutcomeFixture))["OutcomeFixture.FailingAssertFails"];
            Assert.Equal(NanoOutcome.Failed, r.Outcome);
            Assert.Contains("one is not two", r.Message);
            Assert.Contains("Expected:<1>. Actual:<2>", r.Message);
        }

        [Fact]
        public void PassingTest_Passes()
        {
            Assert.Equal(NanoOutcome.Passed, Run(typeof(OutcomeFixture))["OutcomeFixture.Passes"].Outcome);
        }

        [Fact]
        public void AnyOtherException_Fails()
        {
            var r = Run(typeof(OutcomeFixture))["OutcomeFixture.OtherExceptionFails"];
            Assert.Equal(NanoOutcome.Failed, r.Outcome);
            Assert.Contains("InvalidOperationException", r.Message);
        }

        [Fact]
        public void ThrowsException_RequiresTheExactType()
        {
            var results = Run(typeof(OutcomeFixture));
            Assert.Equal(NanoOutcome.Failed, results["OutcomeFixture.SubclassDoesNotSatisfyThrowsException"].Outcome);
            Assert.Contains("ArgumentNullException", results["OutcomeFixture.SubclassDoesNotSatisfyThrowsException"].Message);
            Assert.Equal(NanoOutcome.Passed, results["OutcomeFixture.ExactTypeSatisfiesThrowsException"].Outcome);
            Assert.Equal(NanoOutcome.Failed, results["OutcomeFixture.NoExceptionFailsThrowsException"].Outcome);
        }

        [Fact]
        public void SkipTest_ReportsSkipped_WithReason()
        {
            var r = Run(typeof(OutcomeFixture))["OutcomeFixture.SkipTestSkips"];
            Assert.Equal(NanoOutcome.Skipped, r.Outcome);
            Assert.Equal("not on this board", r.Message);
        }

        [Fact]
        public void TestsRunWithoutAnInstance_SoInstanceStateFails()
        {
            var r = Run(typeof(OutcomeFixture))["OutcomeFixture.InstanceStateFails"];
            Assert.Equal(NanoOutcome.Failed, r.Outcome);
            Assert.IsType<NullReferenceException>(r.Exception);
        }

        [Fact]
        public void IsInstanceOfType_IsExact_AsOnTheDevice()
        {
            Assert.Equal(NanoOutcome.Failed, Run(typeof(OutcomeFixture))["OutcomeFixture.IsInstanceOfTypeIsExact"].Outcome);
        }

        [Fact]
        public void CollectionAssert_ComparesElements()
        {
            var r = Run(typeof(OutcomeFixture))["OutcomeFixture.CollectionAssertComparesElements"];
            Assert.Equal(NanoOutcome.Failed, r.Outcome);
            Assert.Contains("index 2", r.Message);
        }

        [Fact]
        public void OutputHelper_IsCapturedPerCase()
        {
            Assert.Contains("hello from the test", Run(typeof(OutcomeFixture))["OutcomeFixture.OutputIsCaptured"].Output);
        }

        [Fact]
        public void SkippedSetup_SkipsTheWholeClass_IncludingCleanup()
        {
            CallLog.Calls.Clear();
            var results = Run(typeof(SkippedSetupFixture));
            Assert.All(results.Values, r => Assert.Equal(NanoOutcome.Skipped, r.Outcome));
            Assert.Contains("no sensor", results["SkippedSetupFixture.NeverRuns"].Message);
            Assert.Empty(CallLog.Calls);
        }

        [Fact]
        public void FailedSetup_IsReported_ButTheClassStillRuns()
        {
            CallLog.Calls.Clear();
            var results = Run(typeof(FailedSetupFixture));
            Assert.Equal(NanoOutcome.Failed, results["FailedSetupFixture.Broken"].Outcome);
            Assert.Equal(NanoOutcome.Passed, results["FailedSetupFixture.StillRuns"].Outcome);
            Assert.Equal(new[] { "StillRuns" }, CallLog.Calls.Cast<string>().ToArray());
        }

        [Fact]
        public void LauncherLine_HasTheDeviceFormat()
        {
            var r = Run(typeof(OutcomeFixture))["OutcomeFixture.SkipTestSkips"];
            Assert.Equal("Test skipped,OutcomeFixture.SkipTestSkips,not on this board", r.LauncherLine);
        }
    }
}
