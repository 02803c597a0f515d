using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Text;
using TestFrameworkShared;

namespace nanoFramework.TestFramework.HostRunner
{
    /// <summary>What a launcher run reports for one test.</summary>
    public enum NanoOutcome
    {
        /// <summary>The method returned normally.</summary>
        Passed,

        /// <summary>The method threw (an assertion or any other exception).</summary>
        Failed,

        /// <summary>The method threw <see cref="SkipTestException"/>, or a [Setup] of its class did.</summary>
        Skipped,
    }

    /// <summary>Why a case is run: a [Setup], a [TestMethod], one [DataRow] of a test method, or a [Cleanup].</summary>
    public enum NanoCaseKind
    {
        /// <summary>A [Setup] method.</summary>
        Setup,

        /// <summary>A [TestMethod] without rows.</summary>
        TestMethod,

        /// <summary>One [DataRow] of a test method.</summary>
        DataRow,

        /// <summary>A [Cleanup] method.</summary>
        Cleanup,
    }

    /// <summary>One invocation the device launcher would make.</summary>
    public sealed class NanoTestCase
    {
        internal NanoTestCase(Type testClass, MethodInfo method, NanoCaseKind kind, int rowIndex, object[] arguments, string refusal)
        {
            TestClass = testClass;
            Method = method;
            Kind = kind;
            RowIndex = rowIndex;
            Arguments = arguments;
            Refusal = refusal;
            Id = testClass.Name + "." + method.Name + (kind == NanoCaseKind.DataRow ? "." + rowIndex : string.Empty);
        }

        /// <summary>"Class.Method", or "Class.Method.rowIndex" for a DataRow run.</summary>
        public string Id { get; }

        /// <summary>The [TestClass].</summary>
        public Type TestClass { get; }

        /// <summary>The method invoked.</summary>
        public MethodInfo Method { get; }

        /// <summary>Why it is invoked.</summary>
        public NanoCaseKind Kind { get; }

        /// <summary>Zero-based row index for DataRow runs, else -1.</summary>
        public int RowIndex { get; }

        /// <summary>The DataRow arguments, or null.</summary>
        public object[] Arguments { get; }

        /// <summary>
        /// Why the device could not run this DataRow (an argument its attribute parser rejects, or a
        /// string a device string cannot hold), or null. A refused case is reported failed, not run.
        /// </summary>
        public string Refusal { get; }

        /// <inheritdoc />
        public override string ToString() => Id;
    }

    /// <summary>The outcome of one case.</summary>
    public sealed class NanoTestResult
    {
        internal NanoTestResult(NanoTestCase testCase, NanoOutcome outcome, string message, Exception exception, string output)
        {
            Case = testCase;
            Outcome = outcome;
            Message = message;
            Exception = exception;
            Output = output;
        }

        /// <summary>The case.</summary>
        public NanoTestCase Case { get; }

        /// <summary>Passed, failed or skipped.</summary>
        public NanoOutcome Outcome { get; }

        /// <summary>The failure or skip message (empty when passed).</summary>
        public string Message { get; }

        /// <summary>The exception that ended the case, or null.</summary>
        public Exception Exception { get; }

        /// <summary>What the case wrote through <see cref="OutputHelper"/>.</summary>
        public string Output { get; }

        /// <summary>The line the device launcher would print.</summary>
        public string LauncherLine => "Test " + Outcome.ToString().ToLowerInvariant() + "," + Case.Id + "," + Message;
    }

    /// <summary>
    /// Discovers and runs nanoFramework.TestFramework tests with the device launcher's semantics:
    /// per [TestClass], its [Setup] methods (a skipped Setup skips the rest of the class; a failed one
    /// does not stop it), then every [TestMethod] without rows, then every [DataRow] run (once per
    /// row, in declaration order), then its [Cleanup] methods; each is reported as its own case.
    /// Methods are invoked without an instance (a null <c>this</c>, as the device's
    /// <c>Invoke(null, ...)</c>), so a test that touches instance state fails here as it does there.
    /// </summary>
    public static class NanoTestRunner
    {
        /// <summary>Every case in <paramref name="assembly"/>, in launcher order.</summary>
        /// <param name="assembly">The test assembly.</param>
        public static IReadOnlyList<NanoTestCase> Discover(Assembly assembly)
        {
            var cases = new List<NanoTestCase>();
            foreach (Type type in assembly.GetTypes().Where(IsTestClass).OrderBy(t => t.MetadataToken))
            {
                cases.AddRange(Discover(type));
            }

            var duplicate = cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null)
            {
                throw new InvalidOperationException("Two test cases share the id '" + duplicate.Key + "': test class names must be unique.");
            }

            return cases;
        }

        /// <summary>The cases of one test class, in launcher order.</summary>
        /// <param name="testClass">A [TestClass] type.</param>
        public static IReadOnlyList<NanoTestCase> Discover(Type testClass)
        {
            if (!IsTestClass(testClass))
            {
                throw new ArgumentException(testClass.FullName + " is not a [TestClass].", nameof(testClass));
            }

            MethodInfo[] methods = testClass
                .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .OrderBy(m => m.MetadataToken)
                .ToArray();
            var cases = new List<NanoTestCase>();
            foreach (MethodInfo m in methods.Where(m => m.IsDefined(typeof(SetupAttribute), false)))
            {
                cases.Add(new NanoTestCase(testClass, m, NanoCaseKind.Setup, -1, null, null));
            }

            foreach (MethodInfo m in methods.Where(m => m.IsDefined(typeof(TestMethodAttribute), false) && !m.IsDefined(typeof(DataRowAttribute), false)))
            {
                cases.Add(new NanoTestCase(testClass, m, NanoCaseKind.TestMethod, -1, null, null));
            }

            foreach (MethodInfo m in methods)
            {
                // The rows as the metadata holds them (the device's attribute parser reads the same blobs).
                CustomAttributeData[] rows = m.GetCustomAttributesData().Where(a => a.AttributeType == typeof(DataRowAttribute)).ToArray();
                for (int i = 0; i < rows.Length; i++)
                {
                    object[] arguments = DataRowArguments.Decode(rows[i], out string refusal);
                    cases.Add(new NanoTestCase(testClass, m, NanoCaseKind.DataRow, i, arguments, refusal == null ? null : "[DataRow] " + i + " of " + testClass.Name + "." + m.Name + ": " + refusal));
                }
            }

            foreach (MethodInfo m in methods.Where(m => m.IsDefined(typeof(CleanupAttribute), false)))
            {
                cases.Add(new NanoTestCase(testClass, m, NanoCaseKind.Cleanup, -1, null, null));
            }

            return cases;
        }

        /// <summary>Runs one test class as the launcher does and returns one result per case.</summary>
        /// <param name="testClass">A [TestClass] type.</param>
        public static IReadOnlyList<NanoTestResult> RunClass(Type testClass)
        {
            return RunClass(testClass, null, null);
        }

        /// <summary>
        /// Runs one test class as the launcher does, calling <paramref name="beforeCase"/> and
        /// <paramref name="afterCase"/> around each case it invokes (the cost benchmark measures each case so).
        /// </summary>
        /// <param name="testClass">A [TestClass] type.</param>
        /// <param name="beforeCase">Called just before a case is invoked, or null.</param>
        /// <param name="afterCase">Called with its result just after, or null.</param>
        public static IReadOnlyList<NanoTestResult> RunClass(Type testClass, Action<NanoTestCase> beforeCase, Action<NanoTestResult> afterCase)
        {
            var results = new List<NanoTestResult>();
            string skipReason = null;
            foreach (NanoTestCase c in Discover(testClass))
            {
                if (skipReason != null && c.Kind != NanoCaseKind.Setup)
                {
                    results.Add(new NanoTestResult(c, NanoOutcome.Skipped, skipReason, null, string.Empty));
                    continue;
                }

                beforeCase?.Invoke(c);
                NanoTestResult r = RunCase(c);
                afterCase?.Invoke(r);
                results.Add(r);
                if (c.Kind == NanoCaseKind.Setup && r.Outcome == NanoOutcome.Skipped && skipReason == null)
                {
                    skipReason = "Skipped because [Setup] " + c.Id + " skipped: " + r.Message;
                }
            }

            return results;
        }

        private static NanoTestResult RunCase(NanoTestCase c)
        {
            if (c.Refusal != null)
            {
                return new NanoTestResult(c, NanoOutcome.Failed, c.Refusal, null, string.Empty);
            }

            var output = new StringBuilder();
            OutputHelper.BeginCapture(output);
            try
            {
                InvokeWithoutInstance(c.Method, c.Arguments);
                return new NanoTestResult(c, NanoOutcome.Passed, string.Empty, null, output.ToString());
            }
            catch (Exception ex)
            {
                if (ex.GetType() == typeof(SkipTestException))
                {
                    return new NanoTestResult(c, NanoOutcome.Skipped, ex.Message, ex, output.ToString());
                }

                string message = ex is AssertFailedException ? ex.Message : ex.GetType().FullName + ": " + ex.Message;
                return new NanoTestResult(c, NanoOutcome.Failed, message, ex, output.ToString());
            }
            finally
            {
                OutputHelper.EndCapture();
            }
        }

        private static bool IsTestClass(Type type) => type.IsClass && type.IsDefined(typeof(TestClassAttribute), false);

        private delegate void Invoker(object[] args);

        private static void InvokeWithoutInstance(MethodInfo method, object[] args)
        {
            ParameterInfo[] ps = method.GetParameters();
            int given = args == null ? 0 : args.Length;
            if (given != ps.Length)
            {
                throw new TargetParameterCountException("The method " + method.Name + " takes " + ps.Length + " parameter(s) but " + given + " were supplied.");
            }

            // IL: (ldnull)? ; for each parameter: ldarg.0, ldc.i4 i, ldelem.ref, unbox.any/castclass T ; call method ; pop result ; ret.
            // 'call' (not 'callvirt') with a null 'this' is what Invoke(null, ...) amounts to on the device.
            var dm = new DynamicMethod("nano_invoke_" + method.Name, typeof(void), new[] { typeof(object[]) }, method.Module, skipVisibility: true);
            ILGenerator il = dm.GetILGenerator();
            if (!method.IsStatic)
            {
                il.Emit(OpCodes.Ldnull);
            }

            for (int i = 0; i < ps.Length; i++)
            {
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, i);
                il.Emit(OpCodes.Ldelem_Ref);
                Type t = ps[i].ParameterType;
                il.Emit(t.IsValueType ? OpCodes.Unbox_Any : OpCodes.Castclass, t);
            }

            il.Emit(OpCodes.Call, method);
            if (method.ReturnType != typeof(void))
            {
                il.Emit(OpCodes.Pop);
            }

            il.Emit(OpCodes.Ret);
            var invoker = (Invoker)dm.CreateDelegate(typeof(Invoker));
            invoker(args);
        }
    }
}
