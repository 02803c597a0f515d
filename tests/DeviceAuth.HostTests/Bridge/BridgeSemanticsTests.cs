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
    
        [Fact]
        public void DataRow_OfEveryAcceptedType_Runs()
        {
            var results = Run(typeof(DataRowFixture));
            Assert.Equal(NanoOutcome.Passed, results["DataRowFixture.EveryAcceptedType.0"].Outcome);
            Assert.Equal(NanoOutcome.Passed, results["DataRowFixture.EmojiInString.0"].Outcome);
            Assert.Equal(NanoOutcome.Passed, results["DataRowFixture.ByteArray.0"].Outcome);
            Assert.Equal(NanoOutcome.Passed, results["DataRowFixture.ByteArray.2"].Outcome);
        }

        [Theory]
        [InlineData("DataRowFixture.ByteArray.1", "argument 0 is an array (Byte[])")]
        [InlineData("DataRowFixture.EnumValue.0", "argument 0 is an enum (Mode)")]
        [InlineData("DataRowFixture.TypeValue.0", "argument 0 is a typeof(...)")]
        [InlineData("DataRowFixture.NullValue.0", "argument 1 is null")]
        [InlineData("DataRowFixture.NulInString.0", "argument 0 holds U+0000 at index 1")]
        [InlineData("DataRowFixture.LoneSurrogateInString.0", "argument 0 holds U+FFFD at index 1")]
        public void DataRow_TheDeviceCannotRun_Fails_NamingTheMethodAndWhy(string id, string why)
        {
            NanoTestResult r = Run(typeof(DataRowFixture))[id];
            Assert.Equal(NanoOutcome.Failed, r.Outcome);
            string method = id.Substring(0, id.LastIndexOf('.'));
            Assert.Contains("of " + method + ": " + why, r.Message);
        }

        [Fact]
        public void DataRow_TheDeviceCannotRun_IsNotInvoked()
        {
            // A refused row is reported, never run: on the device it would not run either.
            NanoTestCase c = NanoTestRunner.Discover(typeof(DataRowFixture)).Single(x => x.Id == "DataRowFixture.ByteArray.1");
            Assert.NotNull(c.Refusal);
            Assert.Null(Run(typeof(DataRowFixture))["DataRowFixture.ByteArray.1"].Exception);
        }

        [Fact]
        public void DeclaredCases_CountsMethodsRowsAndSetupCleanup()
        {
            NanoDeclaredCases count = NanoDeclaredCases.Of(typeof(OrderFixture).Assembly);
            int discovered = NanoTestRunner.Discover(typeof(OrderFixture).Assembly).Count;
            Assert.Equal(discovered, count.Cases);
            Assert.Equal(count.PlainMethods + count.Rows + count.SetupAndCleanup, count.Cases);
            Assert.Equal(6, count.Refused);
            Assert.Contains("declares " + count.Cases + " test cases", count.ToString());
        }
    }
}
