using System;
using DeviceAuth.Json;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Json
{
    [TestClass]
    public class JsonWriterTests
    {
        [TestMethod]
        public void NestedStructure()
        {
            JsonWriter w = new JsonWriter();
            w.BeginObject()
                .Property("s", "v")
                .Property("n", -42L)
                .Property("t", true)
                .Property("f", false)
                .Name("z").Null()
                .Name("a").BeginArray().Value(1L).Value("x").BeginObject().EndObject().BeginArray().EndArray().EndArray()
                .EndObject();
            Assert.IsTrue(w.IsComplete);
            Assert.AreEqual("{\"s\":\"v\",\"n\":-42,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,\"x\",{},[]]}", w.GetJson());
        }

        [TestMethod]
        public void Int64Extremes()
        {
            Assert.AreEqual("[9223372036854775807,-9223372036854775808]", new JsonWriter().BeginArray().Value(long.MaxValue).Value(long.MinValue).EndArray().GetJson());
        }

        [TestMethod]
        [DataRow("plain", "\"plain\"")]
        [DataRow("q\"q", "\"q\\\"q\"")]
        [DataRow("b\\s", "\"b\\\\s\"")]
        [DataRow("a/b", "\"a/b\"")]
        [DataRow("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"")]
        [DataRow("\u0001\u001f", "\"\\u0001\\u001f\"")]
        [DataRow("\u007f", "\"\\u007f\"")]
        [DataRow("\u2028\u2029", "\"\\u2028\\u2029\"")]
        [DataRow("\u00e9\u2713", "\"\u00e9\u2713\"")]
        [DataRow("\ud83d\ude00", "\"\ud83d\ude00\"")]
        [DataRow("", "\"\"")]
        public void Escaping(string value, string expected)
        {
            Assert.AreEqual(expected, JsonWriter.Quote(value));
        }

        // A device string cannot hold U+0000 (it ends there) nor an unpaired surrogate (it stores U+FFFD):
        // on the device such text reaches the writer as U+FFFD, written as is. The host build refuses
        // an unpaired surrogate and escapes U+0000 (host-only tests: HostTests DeviceStrings/HostOnlyStringInputTests).
        [TestMethod]
        public void ReplacementCharacter_WhatTheDeviceHoldsForALoneSurrogate_IsWrittenAsIs()
        {
            Assert.AreEqual("\"a\ufffd\ud83d\ude00\"", JsonWriter.Quote("a\ufffd\ud83d\ude00"));
        }

        [TestMethod]
        public void Misuse_Refused()
        {
            Assert.ThrowsException(typeof(InvalidOperationException), () => new JsonWriter().BeginObject().Value("no name"));
            Assert.ThrowsException(typeof(InvalidOperationException), () => new JsonWriter().BeginArray().Name("n"));
            Assert.ThrowsException(typeof(InvalidOperationException), () => new JsonWriter().Name("n"));
            Assert.ThrowsException(typeof(InvalidOperationException), () => new JsonWriter().BeginObject().EndArray());
            Assert.ThrowsException(typeof(InvalidOperationException), () => new JsonWriter().BeginObject().Name("a").EndObject());
            Assert.ThrowsException(typeof(InvalidOperationException), () => new JsonWriter().BeginObject().Name("a").Name("b"));
            Assert.ThrowsException(typeof(InvalidOperationException), () => new JsonWriter().EndObject());
            Assert.ThrowsException(typeof(InvalidOperationException), () => new JsonWriter().Value(1L).Value(2L));
            Assert.ThrowsException(typeof(InvalidOperationException), () => new JsonWriter().BeginObject().GetJson());
        }

        [TestMethod]
        public void DepthLimit()
        {
            JsonWriter w = new JsonWriter();
            for (int i = 0; i < JsonWriter.MaxDepth; i++)
            {
                w.BeginArray();
            }

            Assert.ThrowsException(typeof(InvalidOperationException), () => w.BeginArray());
        }

        [TestMethod]
        public void ScalarTopLevel()
        {
            Assert.AreEqual("\"x\"", new JsonWriter().Value("x").GetJson());
            Assert.AreEqual("null", new JsonWriter().Value((string)null).GetJson());
        }
    }
}
