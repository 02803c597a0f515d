using System;
using DeviceAuth.Json;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Json
{
    [TestClass]
    public class JsonReaderTests
    {
        private static void Expect(JsonReader r, JsonTokenType type)
        {
            Assert.IsTrue(r.Read(), "expected a token");
            Assert.AreEqual((int)type, (int)r.TokenType);
        }

        [TestMethod]
        public void ReadsAVendedTokenResponse()
        {
            JsonReader r = new JsonReader(" {\"token\" : \"abc\", \"expiresIn\":3600, \"scopes\":[\"a\",\"b\"],\"ok\":true,\"no\":false,\"n\":null,\"x\":{\"y\":-1.5e3}} \r\n");
            Expect(r, JsonTokenType.StartObject);
            Assert.AreEqual(0, r.Depth);
            Expect(r, JsonTokenType.PropertyName);
            Assert.AreEqual("token", r.GetString());
            Assert.AreEqual(1, r.Depth);
            Expect(r, JsonTokenType.String);
            Assert.AreEqual("abc", r.GetString());
            Expect(r, JsonTokenType.PropertyName);
            Expect(r, JsonTokenType.Number);
            Assert.AreEqual(3600L, r.GetInt64());
            Expect(r, JsonTokenType.PropertyName);
            Assert.AreEqual("scopes", r.GetString());
            Expect(r, JsonTokenType.StartArray);
            Expect(r, JsonTokenType.String);
            Expect(r, JsonTokenType.String);
            Assert.AreEqual("b", r.GetString());
            Expect(r, JsonTokenType.EndArray);
            Expect(r, JsonTokenType.PropertyName);
            Expect(r, JsonTokenType.True);
            Assert.IsTrue(r.GetBoolean());
            Expect(r, JsonTokenType.PropertyName);
            Expect(r, JsonTokenType.False);
            Assert.IsFalse(r.GetBoolean());
            Expect(r, JsonTokenType.PropertyName);
            Expect(r, JsonTokenType.Null);
            Expect(r, JsonTokenType.PropertyName);
            Assert.AreEqual("x", r.GetString());
            r.Skip();
            Assert.AreEqual((int)JsonTokenType.EndObject, (int)r.TokenType);
            Expect(r, JsonTokenType.EndObject);
            Assert.IsFalse(r.Read());
            Assert.IsFalse(r.Read());
        }

        [TestMethod]
        [DataRow("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t")]
        [DataRow("\"\\u00e9\\u2713\"", "\u00e9\u2713")]
        [DataRow("\"\\ud83d\\ude00\"", "\ud83d\ude00")]
        [DataRow("\"\\u00E9\"", "\u00e9")]
        [DataRow("\"caf\u00e9\"", "caf\u00e9")]
        [DataRow("\"a\\nb\\nc\"", "a\nb\nc")]
        [DataRow("\"\"", "")]
        public void StringEscapes(string json, string expected)
        {
            JsonReader r = new JsonReader(json);
            Expect(r, JsonTokenType.String);
            Assert.AreEqual(expected, r.GetString());
            Assert.IsFalse(r.Read());
        }

        [TestMethod]
        [DataRow("0", 0L)]
        [DataRow("-0", 0L)]
        [DataRow("9223372036854775807", 9223372036854775807L)]
        [DataRow("-9223372036854775808", -9223372036854775808L)]
        [DataRow("1748736000", 1748736000L)]
        public void Integers(string json, long expected)
        {
            JsonReader r = new JsonReader(json);
            Expect(r, JsonTokenType.Number);
            Assert.AreEqual(expected, r.GetInt64());
        }

        [TestMethod]
        [DataRow("9223372036854775808")]
        [DataRow("-9223372036854775809")]
        [DataRow("1.0")]
        [DataRow("1e3")]
        public void Integers_OutOfRangeOrNotIntegral(string json)
        {
            JsonReader r = new JsonReader(json);
            Expect(r, JsonTokenType.Number);
            Assert.ThrowsException(typeof(FormatException), () => r.GetInt64());
            Assert.AreEqual(json, r.GetNumberText());
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("   ")]
        [DataRow("{")]
        [DataRow("}")]
        [DataRow("[1,]")]
        [DataRow("{\"a\":1,}")]
        [DataRow("{,}")]
        [DataRow("[,1]")]
        [DataRow("{\"a\" 1}")]
        [DataRow("{\"a\":}")]
        [DataRow("{a:1}")]
        [DataRow("{'a':1}")]
        [DataRow("[1 2]")]
        [DataRow("01")]
        [DataRow("-")]
        [DataRow("1.")]
        [DataRow(".5")]
        [DataRow("1e")]
        [DataRow("+1")]
        [DataRow("NaN")]
        [DataRow("Infinity")]
        [DataRow("tru")]
        [DataRow("truex")]
        [DataRow("nul")]
        [DataRow("\"abc")]
        [DataRow("\"a\\x\"")]
        [DataRow("\"\\u12\"")]
        [DataRow("\"\\u12G4\"")]
        [DataRow("\"a\tb\"")]
        [DataRow("\"a\nb\"")]
        [DataRow("\"\\ud83d\"")]
        [DataRow("\"\\ude00\\ud83d\"")]
        [DataRow("1 2")]
        [DataRow("{} {}")]
        [DataRow("[1]]")]
        [DataRow("/*c*/1")]
        [DataRow("[1]//c")]
        public void Malformed_Refused(string json)
        {
            Assert.ThrowsException(typeof(FormatException), () =>
            {
                JsonReader r = new JsonReader(json);
                while (r.Read())
                {
                }
            });
        }

        [TestMethod]
        public void ErrorMessage_DoesNotQuoteInput()
        {
            try
            {
                JsonReader r = new JsonReader("{\"token\":\"SECRET-TOKEN\" x}");
                while (r.Read())
                {
                }

                Assert.IsTrue(false, "no exception");
            }
            catch (FormatException e)
            {
                Assert.DoesNotContains("SECRET", e.Message);
                Assert.Contains("offset 24", e.Message);
            }
        }

        [TestMethod]
        public void DepthLimit()
        {
            string deep = new string('[', JsonReader.MaxDepth) + new string(']', JsonReader.MaxDepth);
            JsonReader ok = new JsonReader(deep);
            int tokens = 0;
            while (ok.Read())
            {
                tokens++;
            }

            Assert.AreEqual(2 * JsonReader.MaxDepth, tokens);
            Assert.ThrowsException(typeof(FormatException), () =>
            {
                JsonReader r = new JsonReader("[" + deep + "]");
                while (r.Read())
                {
                }
            });
        }

        [TestMethod]
        public void WrongAccessor_Refused()
        {
            JsonReader r = new JsonReader("1");
            Expect(r, JsonTokenType.Number);
            Assert.ThrowsException(typeof(InvalidOperationException), () => r.GetString());
            Assert.ThrowsException(typeof(InvalidOperationException), () => r.GetBoolean());
        }

        [TestMethod]
        public void WriterOutput_ReadsBack()
        {
            string value = "q\"\\\n\u0001\u007f\u2028\u00e9\ud83d\ude00";
            string json = new JsonWriter().BeginObject().Property(value, value).Name("arr").BeginArray().Value(-5L).EndArray().EndObject().GetJson();
            JsonReader r = new JsonReader(json);
            Expect(r, JsonTokenType.StartObject);
            Expect(r, JsonTokenType.PropertyName);
            Assert.AreEqual(value, r.GetString());
            Expect(r, JsonTokenType.String);
            Assert.AreEqual(value, r.GetString());
            Expect(r, JsonTokenType.PropertyName);
            Expect(r, JsonTokenType.StartArray);
            Expect(r, JsonTokenType.Number);
            Assert.AreEqual(-5L, r.GetInt64());
            Expect(r, JsonTokenType.EndArray);
            Expect(r, JsonTokenType.EndObject);
            Assert.IsFalse(r.Read());
        }
    }
}
