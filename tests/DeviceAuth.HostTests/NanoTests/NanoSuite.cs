using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using nanoFramework.TestFramework.HostRunner;

namespace DeviceAuth.HostTests.NanoTests
{
    /// <summary>
    /// The nanoFramework-style tests of one assembly, run class by class with the device launcher's
    /// semantics (each class once: Setup, tests, rows, Cleanup) and looked up by case id, so that
    /// every case can be reported as its own xunit test while the class still runs as a unit.
    /// </summary>
    public sealed class NanoSuite
    {
        private readonly Dictionary<string, NanoTestCase> _cases;
        private readonly ConcurrentDictionary<Type, Lazy<IReadOnlyList<NanoTestResult>>> _runs = new();

        public NanoSuite(Assembly assembly)
        {
            Cases = NanoTestRunner.Discover(assembly);
            _cases = Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        }

        /// <summary>The suite of the device test assembly (tests/DeviceAuth.Tests, NFUnitTest on the device).</summary>
        public static NanoSuite DeviceAuthTests { get; } = new NanoSuite(typeof(DeviceAuth.Tests.Encoding.Base64UrlTests).Assembly);

        public IReadOnlyList<NanoTestCase> Cases { get; }

        public NanoTestResult Result(string id)
        {
            if (!_cases.TryGetValue(id, out NanoTestCase c))
            {
                throw new ArgumentException("No nano test case named " + id, nameof(id));
            }

            IReadOnlyList<NanoTestResult> results = _runs
                .GetOrAdd(c.TestClass, t => new Lazy<IReadOnlyList<NanoTestResult>>(() => NanoTestRunner.RunClass(t)))
                .Value;
            return results.Single(r => r.Case.Id == id);
        }
    }
}
