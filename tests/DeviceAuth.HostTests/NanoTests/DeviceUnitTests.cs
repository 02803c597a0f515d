using System.Collections.Generic;
using nanoFramework.TestFramework.HostRunner;
using Xunit;

namespace DeviceAuth.HostTests.NanoTests
{
    /// <summary>
    /// Runs every nanoFramework-style test of tests/DeviceAuth.Tests (the emulator's NFUnitTest
    /// assembly) as its own xunit case, displayed as Class.Method or Class.Method.row.
    /// </summary>
    public class DeviceUnitTests
    {
        public static IEnumerable<TheoryDataRow<string>> Cases()
        {
            foreach (NanoTestCase c in NanoSuite.DeviceAuthTests.Cases)
            {
                yield return new TheoryDataRow<string>(c.Id) { TestDisplayName = c.Id };
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Nano(string id)
        {
            NanoTestResult result = NanoSuite.DeviceAuthTests.Result(id);
            if (result.Output.Length > 0)
            {
                TestContext.Current.TestOutputHelper?.WriteLine(result.Output);
            }

            switch (result.Outcome)
            {
                case NanoOutcome.Skipped:
                    Assert.Skip(result.Message);
                    break;
                case NanoOutcome.Failed:
                    Assert.Fail(result.LauncherLine + (result.Exception == null ? string.Empty : "\n" + result.Exception));
                    break;
            }
        }
    }
}
