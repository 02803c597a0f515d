using System;
using DeviceAuth.Http;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Http
{
    [TestClass]
    public class RetryAfterTests
    {
        private static readonly DateTime Now = new DateTime(1994, 11, 6, 8, 49, 0);

        [TestMethod]
        [DataRow("0", 0)]
        [DataRow("7", 7000)]
        [DataRow(" 120 ", 120000)]
        [DataRow("Sun, 06 Nov 1994 08:49:37 GMT", 37000)]
        [DataRow("Sun, 06 Nov 1994 08:48:00 GMT", 0)]
        [DataRow("", -1)]
        [DataRow("-5", -1)]
        [DataRow("1.5", -1)]
        [DataRow("soon", -1)]
        [DataRow("Sunday, 06-Nov-94 08:49:37 GMT", -1)]
        [DataRow("Sun, 31 Feb 1994 08:49:37 GMT", -1)]
        [DataRow("Sun, 06 Nov 1994 08:49:37 UTC", -1)]
        [DataRow("9999999999", -1)]
        public void ParsesDelaySecondsAndImfFixdate(string value, int expectedMs)
        {
            Assert.AreEqual((long)expectedMs, RetryAfter.ParseMilliseconds(value, Now));
        }

        [TestMethod]
        [DataRow("Thu, 01 Jan 2026 00:00:30 GMT", "Thu, 01 Jan 2026 00:00:00 GMT", 0L, 30000L)]
        [DataRow("Thu, 01 Jan 2026 00:00:30 GMT", "", 0L, -1L)]
        [DataRow("Thu, 01 Jan 2026 00:00:30 GMT", "yesterday", 0L, -1L)]
        [DataRow("Thu, 01 Jan 2026 00:00:30 GMT", "", 1767225610L, 20000L)]
        [DataRow("Thu, 01 Jan 2026 00:00:30 GMT", "Thu, 01 Jan 2026 00:01:00 GMT", 0L, 0L)]
        [DataRow("Fri, 31 Dec 9999 23:59:59 GMT", "Thu, 01 Jan 2026 00:00:00 GMT", 0L, 251635075199000L)]
        [DataRow("31536000", "", 0L, 31536000000L)]
        [DataRow("9999999999", "", 0L, 999999999000L)]
        [DataRow("0", "Thu, 01 Jan 2026 00:00:00 GMT", 0L, 0L)]
        public void DelayMilliseconds_MeasuresADateFromTheResponsesDate_NeverFromAnUnsetDeviceClock(string retryAfter, string responseDate, long deviceUnixSeconds, long expectedMs)
        {
            // Device clock 0 = 1970 (never set); "" = no Date header.
            DateTime device = DeviceAuth.Tokens.UnixTime.FromSeconds(deviceUnixSeconds);
            Assert.AreEqual(expectedMs, RetryAfter.DelayMilliseconds(retryAfter, responseDate.Length == 0 ? null : responseDate, device));
        }

        [TestMethod]
        public void Null_IsAbsent()
        {
            Assert.AreEqual(-1L, RetryAfter.ParseMilliseconds(null, Now));
        }

        [TestMethod]
        public void IdempotentMethods_AreThoseOfRfc9110()
        {
            Assert.IsTrue(HttpSession.IsIdempotent("GET"));
            Assert.IsTrue(HttpSession.IsIdempotent("PUT"));
            Assert.IsTrue(HttpSession.IsIdempotent("DELETE"));
            Assert.IsFalse(HttpSession.IsIdempotent("POST"));
            Assert.IsFalse(HttpSession.IsIdempotent("PATCH"));
        }
    }
}
