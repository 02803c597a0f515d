using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace nanoFramework.TestFramework.HostRunner
{
    /// <summary>
    /// How many test cases an assembly declares, counted from its metadata alone (nothing is run): per
    /// [TestClass], each [TestMethod] without rows counts once, a method with [DataRow]s once per row,
    /// and each [Setup] and [Cleanup] once. The device launcher reports one line per such case, so a
    /// complete run in the real runtime reports exactly <see cref="Cases"/> lines.
    /// </summary>
    public sealed class NanoDeclaredCases
    {
        private NanoDeclaredCases(IReadOnlyList<NanoTestCase> cases)
        {
            Classes = cases.Select(c => c.TestClass).Distinct().Count();
            PlainMethods = cases.Count(c => c.Kind == NanoCaseKind.TestMethod);
            DataRowMethods = cases.Where(c => c.Kind == NanoCaseKind.DataRow).Select(c => c.Method).Distinct().Count();
            Rows = cases.Count(c => c.Kind == NanoCaseKind.DataRow);
            SetupAndCleanup = cases.Count(c => c.Kind == NanoCaseKind.Setup || c.Kind == NanoCaseKind.Cleanup);
            Refused = cases.Count(c => c.Refusal != null);
            Cases = cases.Count;
        }

        /// <summary>[TestClass] types with at least one case.</summary>
        public int Classes { get; }

        /// <summary>[TestMethod]s without rows.</summary>
        public int PlainMethods { get; }

        /// <summary>Methods with [DataRow]s.</summary>
        public int DataRowMethods { get; }

        /// <summary>[DataRow]s in all.</summary>
        public int Rows { get; }

        /// <summary>[Setup] and [Cleanup] methods.</summary>
        public int SetupAndCleanup { get; }

        /// <summary>Rows the device could not run (see <see cref="DataRowArguments"/>).</summary>
        public int Refused { get; }

        /// <summary>All cases: plain methods + rows + setup and cleanup methods.</summary>
        public int Cases { get; }

        /// <summary>The count for <paramref name="assembly"/>.</summary>
        /// <param name="assembly">A test assembly.</param>
        public static NanoDeclaredCases Of(Assembly assembly) => new NanoDeclaredCases(NanoTestRunner.Discover(assembly));

        /// <summary>One line, e.g. "declares 558 test cases: 36 classes, 217 test methods without rows + 341 rows of 50 data-driven methods, 0 setup/cleanup methods".</summary>
        public override string ToString() =>
            $"declares {Cases} test cases: {Classes} classes, {PlainMethods} test methods without rows + {Rows} rows of {DataRowMethods} data-driven methods, {SetupAndCleanup} setup/cleanup methods"
            + (Refused > 0 ? $"; {Refused} rows the device cannot run" : string.Empty);
    }
}
