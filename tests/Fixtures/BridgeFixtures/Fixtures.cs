using System;
using System.Collections;
using nanoFramework.TestFramework;

namespace BridgeFixtures
{
    public static class CallLog
    {
        public static readonly ArrayList Calls = new ArrayList();
    }

    [TestClass]
    public class OrderFixture
    {
        [Cleanup]
        public void Done()
        {
            CallLog.Calls.Add("Cleanup");
        }

        [TestMethod]
        [DataRow(1, "one")]
        [DataRow(2, "two")]
        [DataRow(3, "three")]
        public void Rows(int number, string name)
        {
            CallLog.Calls.Add("Rows:" + number.ToString() + ":" + name);
        }

        [TestMethod]
        public void First()
        {
            CallLog.Calls.Add("First");
        }

        [Setup]
        public void Prepare()
        {
            CallLog.Calls.Add("Setup");
        }

        [TestMethod]
        public static void Second()
        {
            CallLog.Calls.Add("Second");
        }
    }

    [TestClass]
    public class OutcomeFixture
    {
        private int _state = 1;

        [TestMethod]
        public void Passes()
        {
            Assert.AreEqual(2, 1 + 1);
        }

        [TestMethod]
        public void FailingAssertFails()
        {
            Assert.AreEqual(1, 2, "one is not two");
        }

        [TestMethod]
        public void OtherExceptionFails()
        {
            throw new InvalidOperationException("boom");
        }

        [TestMethod]
        public void SubclassDoesNotSatisfyThrowsException()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => { throw new ArgumentNullException("x"); });
        }

        [TestMethod]
        public void ExactTypeSatisfiesThrowsException()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => { throw new ArgumentNullException("x"); });
        }

        [TestMethod]
        public void NoExceptionFailsThrowsException()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => { });
        }

        [TestMethod]
        public void SkipTestSkips()
        {
            Assert.SkipTest("not on this board");
        }

        [TestMethod]
        public void InstanceStateFails()
        {
            Assert.AreEqual(1, _state);
        }

        [TestMethod]
        public void IsInstanceOfTypeIsExact()
        {
            Assert.IsInstanceOfType(new ArgumentNullException(), typeof(ArgumentException));
        }

        [TestMethod]
        public void CollectionAssertComparesElements()
        {
            CollectionAssert.AreEqual(new int[] { 1, 2, 3 }, new int[] { 1, 2, 4 });
        }

        [TestMethod]
        public void OutputIsCaptured()
        {
            OutputHelper.WriteLine("hello from the test");
        }
    }

    [TestClass]
    public class SkippedSetupFixture
    {
        [Setup]
        public void NoHardware()
        {
            Assert.SkipTest("no sensor");
        }

        [TestMethod]
        public void NeverRuns()
        {
            CallLog.Calls.Add("NeverRuns");
        }

        [Cleanup]
        public void NeverCleans()
        {
            CallLog.Calls.Add("NeverCleans");
        }
    }

    [TestClass]
    public class FailedSetupFixture
    {
        [Setup]
        public void Broken()
        {
            throw new InvalidOperationException("setup broke");
        }

        [TestMethod]
        public void StillRuns()
        {
            CallLog.Calls.Add("StillRuns");
        }
    }
}

namespace BridgeFixtures
{
    public enum Mode
    {
        First = 1,
    }

    // Rows the real device cannot run (its attribute parser accepts only numbers, bool, char and
    // strings; a device string holds no U+0000 and no unpaired surrogate), next to rows it can.
    [TestClass]
    public class DataRowFixture
    {
        [TestMethod]
        [DataRow(1, 2L, (byte)3, (sbyte)-4, (short)5, (ushort)6, 7u, 8ul, 1.5f, 2.5d, true, 'c', "text")]
        public void EveryAcceptedType(int a, long b, byte c, sbyte d, short e, ushort f, uint g, ulong h, float i, double j, bool k, char l, string m)
        {
            Assert.AreEqual(1, a);
            Assert.AreEqual("text", m);
        }

        [TestMethod]
        [DataRow("ok")]
        [DataRow(new byte[] { 1, 2 })]
        [DataRow("also ok")]
        public void ByteArray(object value)
        {
        }

        [TestMethod]
        [DataRow(Mode.First)]
        public void EnumValue(Mode mode)
        {
        }

        [TestMethod]
        [DataRow(typeof(string))]
        public void TypeValue(Type type)
        {
        }

        [TestMethod]
        [DataRow("a", null)]
        public void NullValue(string a, string b)
        {
        }

        [TestMethod]
        [DataRow("a\u0000b")]
        public void NulInString(string s)
        {
        }

        [TestMethod]
        [DataRow("a\ud800b")]
        public void LoneSurrogateInString(string s)
        {
        }

        [TestMethod]
        [DataRow("\ud83d\ude00")]
        public void EmojiInString(string s)
        {
            Assert.AreEqual(2, s.ToCharArray().Length);
        }
    }
}
