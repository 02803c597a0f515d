using System;
using System.Collections;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// Assertions with the nanoFramework.TestFramework 3.0.x semantics. A failure throws
    /// <see cref="AssertFailedException"/>; <see cref="SkipTest"/> throws <see cref="SkipTestException"/>.
    /// </summary>
    public sealed class Assert
    {
        /// <summary>Creates an instance (the device API exposes a public constructor).</summary>
        public Assert()
        {
        }

        private static string Show(object value)
        {
            return value == null ? "(null)" : value.ToString();
        }

        internal static void Fail(string assertion, string detail, string message)
        {
            string text = assertion + " failed. " + detail;
            if (!string.IsNullOrEmpty(message))
            {
                text += " " + message;
            }

            throw new AssertFailedException(text);
        }

        /// <summary>Fails unless the two bool values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(bool expected, bool actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two bool values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(bool notExpected, bool actual, string message = "")
        {
            bool expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(bool,bool,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(bool expected, bool actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(bool,bool,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(bool notExpected, bool actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two byte values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(byte expected, byte actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two byte values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(byte notExpected, byte actual, string message = "")
        {
            byte expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(byte,byte,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(byte expected, byte actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(byte,byte,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(byte notExpected, byte actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two char values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(char expected, char actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two char values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(char notExpected, char actual, string message = "")
        {
            char expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(char,char,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(char expected, char actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(char,char,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(char notExpected, char actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two DateTime values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(DateTime expected, DateTime actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two DateTime values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(DateTime notExpected, DateTime actual, string message = "")
        {
            DateTime expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(DateTime,DateTime,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(DateTime expected, DateTime actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(DateTime,DateTime,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(DateTime notExpected, DateTime actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two double values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(double expected, double actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two double values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(double notExpected, double actual, string message = "")
        {
            double expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(double,double,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(double expected, double actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(double,double,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(double notExpected, double actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two short values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(short expected, short actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two short values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(short notExpected, short actual, string message = "")
        {
            short expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(short,short,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(short expected, short actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(short,short,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(short notExpected, short actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two int values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(int expected, int actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two int values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(int notExpected, int actual, string message = "")
        {
            int expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(int,int,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(int expected, int actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(int,int,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(int notExpected, int actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two long values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(long expected, long actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two long values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(long notExpected, long actual, string message = "")
        {
            long expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(long,long,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(long expected, long actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(long,long,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(long notExpected, long actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two object values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(object expected, object actual, string message = "")
        {
            if (!(Equals(expected, actual)))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two object values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(object notExpected, object actual, string message = "")
        {
            object expected = notExpected;
            if (Equals(expected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Fails unless the two sbyte values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(sbyte expected, sbyte actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two sbyte values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(sbyte notExpected, sbyte actual, string message = "")
        {
            sbyte expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(sbyte,sbyte,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(sbyte expected, sbyte actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(sbyte,sbyte,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(sbyte notExpected, sbyte actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two float values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(float expected, float actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two float values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(float notExpected, float actual, string message = "")
        {
            float expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(float,float,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(float expected, float actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(float,float,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(float notExpected, float actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two string values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(string expected, string actual, string message = "")
        {
            if (!(string.Equals(expected, actual, StringComparison.Ordinal)))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two string values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(string notExpected, string actual, string message = "")
        {
            string expected = notExpected;
            if (string.Equals(expected, actual, StringComparison.Ordinal))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(string,string,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(string expected, string actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(string,string,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(string notExpected, string actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two ushort values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(ushort expected, ushort actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two ushort values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(ushort notExpected, ushort actual, string message = "")
        {
            ushort expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(ushort,ushort,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(ushort expected, ushort actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(ushort,ushort,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(ushort notExpected, ushort actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two uint values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(uint expected, uint actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two uint values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(uint notExpected, uint actual, string message = "")
        {
            uint expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(uint,uint,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(uint expected, uint actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(uint,uint,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(uint notExpected, uint actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless the two ulong values are equal.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(ulong expected, ulong actual, string message = "")
        {
            if (!(expected == actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when the two ulong values are equal.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(ulong notExpected, ulong actual, string message = "")
        {
            ulong expected = notExpected;
            if (expected == actual)
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="AreEqual(ulong,ulong,string)"/>.</summary>
        /// <param name="expected">Expected value.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(ulong expected, ulong actual, string message = "")
        {
            AreEqual(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotEqual(ulong,ulong,string)"/>.</summary>
        /// <param name="notExpected">Value that must not be seen.</param>
        /// <param name="actual">Actual value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(ulong notExpected, ulong actual, string message = "")
        {
            AreNotEqual(notExpected, actual, message);
        }

        /// <summary>Fails unless both arrays have the same length and equal elements.</summary>
        /// <param name="expected">Expected array.</param>
        /// <param name="actual">Actual array.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Equal(Array expected, Array actual, string message = "")
        {
            if (!expected.SequenceEqual(actual))
            {
                Fail("Assert.Equal", "The arrays differ.", message);
            }
        }

        /// <summary>Fails when both arrays have the same length and equal elements.</summary>
        /// <param name="notExpected">Array that must not be matched.</param>
        /// <param name="actual">Actual array.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEqual(Array notExpected, Array actual, string message = "")
        {
            if (notExpected.SequenceEqual(actual))
            {
                Fail("Assert.NotEqual", "The arrays are equal.", message);
            }
        }

        /// <summary>Fails unless both references are the same object.</summary>
        /// <param name="expected">Expected object.</param>
        /// <param name="actual">Actual object.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreSame(object expected, object actual, string message = "")
        {
            if (!ReferenceEquals(expected, actual))
            {
                Fail("Assert.AreSame", "The references differ.", message);
            }
        }

        /// <summary>Fails when both references are the same object.</summary>
        /// <param name="notExpected">Object that must not be seen.</param>
        /// <param name="actual">Actual object.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotSame(object notExpected, object actual, string message = "")
        {
            if (ReferenceEquals(notExpected, actual))
            {
                Fail("Assert.AreNotSame", "The references are the same.", message);
            }
        }

        /// <summary>Alias of <see cref="AreSame"/>.</summary>
        /// <param name="expected">Expected object.</param>
        /// <param name="actual">Actual object.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Same(object expected, object actual, string message = "")
        {
            AreSame(expected, actual, message);
        }

        /// <summary>Alias of <see cref="AreNotSame"/>.</summary>
        /// <param name="notExpected">Object that must not be seen.</param>
        /// <param name="actual">Actual object.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotSame(object notExpected, object actual, string message = "")
        {
            AreNotSame(notExpected, actual, message);
        }

        /// <summary>Fails unless <paramref name="condition"/> is true.</summary>
        /// <param name="condition">The condition.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void IsTrue(bool condition, string message = "")
        {
            if (!condition)
            {
                Fail("Assert.IsTrue", string.Empty, message);
            }
        }

        /// <summary>Fails unless <paramref name="condition"/> is false.</summary>
        /// <param name="condition">The condition.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void IsFalse(bool condition, string message = "")
        {
            if (condition)
            {
                Fail("Assert.IsFalse", string.Empty, message);
            }
        }

        /// <summary>Alias of <see cref="IsTrue"/>.</summary>
        /// <param name="condition">The condition.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void True(bool condition, string message = "")
        {
            IsTrue(condition, message);
        }

        /// <summary>Alias of <see cref="IsFalse"/>.</summary>
        /// <param name="condition">The condition.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void False(bool condition, string message = "")
        {
            IsFalse(condition, message);
        }

        /// <summary>Fails unless <paramref name="value"/> is null.</summary>
        /// <param name="value">The value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void IsNull(object value, string message = "")
        {
            if (value != null)
            {
                Fail("Assert.IsNull", string.Empty, message);
            }
        }

        /// <summary>Fails when <paramref name="value"/> is null.</summary>
        /// <param name="value">The value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void IsNotNull(object value, string message = "")
        {
            if (value == null)
            {
                Fail("Assert.IsNotNull", string.Empty, message);
            }
        }

        /// <summary>Alias of <see cref="IsNull"/>.</summary>
        /// <param name="value">The value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Null(object value, string message = "")
        {
            IsNull(value, message);
        }

        /// <summary>Alias of <see cref="IsNotNull"/>.</summary>
        /// <param name="value">The value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotNull(object value, string message = "")
        {
            IsNotNull(value, message);
        }

        /// <summary>Fails unless the value's runtime type is exactly <paramref name="expected"/> (device semantics: no base types).</summary>
        /// <param name="value">The value.</param>
        /// <param name="expected">The expected exact type.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void IsInstanceOfType(object value, Type expected, string message = "")
        {
            if (expected == null)
            {
                Fail("Assert.IsInstanceOfType", "The expected type cannot be null.", message);
            }

            if (value == null || value.GetType() != expected)
            {
                Fail("Assert.IsInstanceOfType", "Expected type:<" + expected + ">. Actual type:<" + Show(value == null ? null : value.GetType()) + ">.", message);
            }
        }

        /// <summary>Fails when the value's runtime type is exactly <paramref name="notExpected"/>.</summary>
        /// <param name="value">The value.</param>
        /// <param name="notExpected">The type the value must not have.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void IsNotInstanceOfType(object value, Type notExpected, string message = "")
        {
            if (notExpected == null)
            {
                Fail("Assert.IsNotInstanceOfType", "The type cannot be null.", message);
            }

            if (value != null && value.GetType() == notExpected)
            {
                Fail("Assert.IsNotInstanceOfType", "Wrong type:<" + notExpected + ">.", message);
            }
        }

        /// <summary>Alias of <see cref="IsInstanceOfType"/> with the type first.</summary>
        /// <param name="expectedType">The expected exact type.</param>
        /// <param name="value">The value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void IsType(Type expectedType, object value, string message = "")
        {
            IsInstanceOfType(value, expectedType, message);
        }

        /// <summary>Alias of <see cref="IsNotInstanceOfType"/> with the type first.</summary>
        /// <param name="notExpectedType">The type the value must not have.</param>
        /// <param name="value">The value.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void IsNotType(Type notExpectedType, object value, string message = "")
        {
            IsNotInstanceOfType(value, notExpectedType, message);
        }

        /// <summary>Fails unless <paramref name="other"/> contains <paramref name="expected"/>.</summary>
        /// <param name="expected">The substring.</param>
        /// <param name="other">The string searched.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Contains(string expected, string other, string message = "")
        {
            if (expected == null || other == null || other.IndexOf(expected, StringComparison.Ordinal) < 0)
            {
                Fail("Assert.Contains", Show(other) + " does not contain " + Show(expected) + ".", message);
            }
        }

        /// <summary>Fails when <paramref name="other"/> contains <paramref name="expected"/>.</summary>
        /// <param name="expected">The substring that must be absent.</param>
        /// <param name="other">The string searched.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void DoesNotContains(string expected, string other, string message = "")
        {
            if (expected == null || other == null || other.IndexOf(expected, StringComparison.Ordinal) >= 0)
            {
                Fail("Assert.DoesNotContains", Show(other) + " should not contain " + Show(expected) + ".", message);
            }
        }

        /// <summary>Fails unless <paramref name="other"/> starts with <paramref name="expected"/>.</summary>
        /// <param name="expected">The prefix.</param>
        /// <param name="other">The string checked.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void StartsWith(string expected, string other, string message = "")
        {
            if (expected == null || other == null || !other.StartsWith(expected, StringComparison.Ordinal))
            {
                Fail("Assert.StartsWith", Show(other) + " does not start with " + Show(expected) + ".", message);
            }
        }

        /// <summary>Fails unless <paramref name="other"/> ends with <paramref name="expected"/>.</summary>
        /// <param name="expected">The suffix.</param>
        /// <param name="other">The string checked.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void EndsWith(string expected, string other, string message = "")
        {
            if (expected == null || other == null || !other.EndsWith(expected, StringComparison.Ordinal))
            {
                Fail("Assert.EndsWith", Show(other) + " does not end with " + Show(expected) + ".", message);
            }
        }

        /// <summary>Fails unless the collection is empty.</summary>
        /// <param name="collection">The collection.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Empty(ICollection collection, string message = "")
        {
            CollectionAssert.Empty(collection, message);
        }

        /// <summary>Fails when the collection is empty.</summary>
        /// <param name="collection">The collection.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEmpty(ICollection collection, string message = "")
        {
            CollectionAssert.NotEmpty(collection, message);
        }

        /// <summary>
        /// Runs <paramref name="action"/> and passes only when it throws an exception of exactly
        /// <paramref name="exceptionType"/> (a subclass does not count, as on the device).
        /// </summary>
        /// <param name="exceptionType">The exact exception type expected.</param>
        /// <param name="action">The code to run.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void ThrowsException(Type exceptionType, Action action, string message = "")
        {
            if (exceptionType == null || action == null)
            {
                Fail("Assert.ThrowsException", "The exception type and the action cannot be null.", message);
            }

            try
            {
                action();
            }
            catch (Exception ex)
            {
                if (ex.GetType() != exceptionType)
                {
                    Fail("Assert.ThrowsException", "Threw exception " + ex.GetType().FullName + ", but exception " + exceptionType.FullName + " was expected. Exception message: " + ex.Message, message);
                }

                return;
            }

            Fail("Assert.ThrowsException", "No exception thrown. " + exceptionType.FullName + " exception was expected.", message);
        }

        /// <summary>Alias of <see cref="ThrowsException"/>.</summary>
        /// <param name="exceptionType">The exact exception type expected.</param>
        /// <param name="action">The code to run.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Throws(Type exceptionType, Action action, string message = "")
        {
            ThrowsException(exceptionType, action, message);
        }

        /// <summary>Ends the current test as skipped.</summary>
        /// <param name="message">Why the test is skipped.</param>
        public static void SkipTest(string message = "")
        {
            throw new SkipTestException(message);
        }
    }

    /// <summary>Assertions on collections, with the nanoFramework.TestFramework semantics.</summary>
    public sealed class CollectionAssert
    {
        /// <summary>Creates an instance (the device API exposes a public constructor).</summary>
        public CollectionAssert()
        {
        }

        /// <summary>Fails unless both collections have the same count and equal elements in order.</summary>
        /// <param name="expected">Expected collection.</param>
        /// <param name="actual">Actual collection.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            string why;
            if (!Same(expected, actual, out why))
            {
                Assert.Fail("CollectionAssert.AreEqual", why, message);
            }
        }

        /// <summary>Fails when both collections have the same count and equal elements in order.</summary>
        /// <param name="notExpected">Collection that must not be matched.</param>
        /// <param name="actual">Actual collection.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "")
        {
            string why;
            if (Same(notExpected, actual, out why))
            {
                Assert.Fail("CollectionAssert.AreNotEqual", "The collections are equal.", message);
            }
        }

        /// <summary>Fails unless the collection is empty.</summary>
        /// <param name="collection">The collection.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void Empty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count != 0)
            {
                Assert.Fail("CollectionAssert.Empty", "The collection is not empty.", message);
            }
        }

        /// <summary>Fails when the collection is empty.</summary>
        /// <param name="collection">The collection.</param>
        /// <param name="message">Optional message shown on failure.</param>
        public static void NotEmpty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count == 0)
            {
                Assert.Fail("CollectionAssert.NotEmpty", "The collection is empty.", message);
            }
        }

        private static bool Same(ICollection expected, ICollection actual, out string why)
        {
            why = null;
            if (ReferenceEquals(expected, actual))
            {
                return true;
            }

            if (expected == null || actual == null)
            {
                why = "One collection is null.";
                return false;
            }

            if (expected.Count != actual.Count)
            {
                why = "Different number of elements: expected " + expected.Count + ", actual " + actual.Count + ".";
                return false;
            }

            IEnumerator e = expected.GetEnumerator();
            IEnumerator a = actual.GetEnumerator();
            int index = 0;
            while (e.MoveNext() && a.MoveNext())
            {
                if (!Equals(e.Current, a.Current))
                {
                    why = "Element at index " + index + " differs: expected <" + (e.Current ?? "(null)") + ">, actual <" + (a.Current ?? "(null)") + ">.";
                    return false;
                }

                index++;
            }

            return true;
        }
    }
}
