using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class that contains tests.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public class TestClassAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        public TestClassAttribute()
        {
        }

        /// <summary>Returns the test method attribute to use for a method (the given one, as on the device).</summary>
        /// <param name="testMethodAttribute">The attribute found on the method.</param>
        public TestMethodAttribute GetTestMethodAttribute(TestMethodAttribute testMethodAttribute)
        {
            return testMethodAttribute;
        }
    }

    /// <summary>Marks a test method.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public class TestMethodAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        public TestMethodAttribute()
        {
        }
    }

    /// <summary>Marks a method run once per test class before its test methods.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public class SetupAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        public SetupAttribute()
        {
        }
    }

    /// <summary>Marks a method run once per test class after its test methods.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public class CleanupAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        public CleanupAttribute()
        {
        }
    }

    /// <summary>Feeds one set of arguments to a test method; the method runs once per row.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        /// <summary>Creates a row.</summary>
        /// <param name="methodParameters">The arguments.</param>
        public DataRowAttribute(params object[] methodParameters)
        {
            MethodParameters = methodParameters;
        }

        /// <summary>The arguments of this row.</summary>
        public object[] MethodParameters { get; }
    }

    /// <summary>Helpers used by the launcher.</summary>
    public static class Helper
    {
        /// <summary>
        /// Given a method's custom attributes, returns whether the plain run of the method must be
        /// skipped because DataRow attributes drive its runs instead.
        /// </summary>
        /// <param name="attribs">The method's custom attributes.</param>
        public static bool RemoveTestMethodIfDataRowExists(object[] attribs)
        {
            if (attribs == null)
            {
                return false;
            }

            foreach (object attrib in attribs)
            {
                if (attrib is DataRowAttribute)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Writes test output (collected per test by the host runner).</summary>
    public static class OutputHelper
    {
        [ThreadStatic]
        private static System.Text.StringBuilder _capture;

        /// <summary>Writes text.</summary>
        /// <param name="message">The text.</param>
        public static void Write(string message)
        {
            if (_capture != null)
            {
                _capture.Append(message);
            }
            else
            {
                Console.Write(message);
            }
        }

        /// <summary>Writes a line.</summary>
        /// <param name="message">The text.</param>
        public static void WriteLine(string message)
        {
            Write(message + Environment.NewLine);
        }

        internal static void BeginCapture(System.Text.StringBuilder sink)
        {
            _capture = sink;
        }

        internal static void EndCapture()
        {
            _capture = null;
        }
    }

    /// <summary>Thrown by <see cref="Assert.SkipTest"/>; the launcher reports the test as skipped.</summary>
    public class SkipTestException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">Why the test is skipped.</param>
        /// <param name="innerException">Optional inner exception.</param>
        public SkipTestException(string message = "", Exception innerException = null)
            : base(message, innerException)
        {
        }
    }

    /// <summary>Extension helpers.</summary>
    public static class TestExtensions
    {
        /// <summary>True when both arrays have the same length and equal elements.</summary>
        /// <param name="array1">First array.</param>
        /// <param name="array2">Second array.</param>
        public static bool SequenceEqual(this Array array1, Array array2)
        {
            if (ReferenceEquals(array1, array2))
            {
                return true;
            }

            if (array1 == null || array2 == null || array1.Length != array2.Length)
            {
                return false;
            }

            for (int i = 0; i < array1.Length; i++)
            {
                if (!Equals(array1.GetValue(i), array2.GetValue(i)))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

namespace TestFrameworkShared
{
    /// <summary>Raised by a failing assertion.</summary>
    public class AssertFailedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AssertFailedException()
        {
        }

        /// <summary>Creates the exception.</summary>
        /// <param name="message">The failure message.</param>
        public AssertFailedException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception.</summary>
        /// <param name="message">The failure message.</param>
        /// <param name="inner">The inner exception.</param>
        public AssertFailedException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
