using System;
using System.Text;

namespace GateBadSample
{
    // Code that compiles and passes on .NET but misbehaves in the real nanoCLR (../shared/NANOFRAMEWORK.md,
    // "Measured in the real runtime"): the device-runtime rules of the gate must name each method.
    public class RuntimeBadSample
    {
        public int CountDots(string s)
        {
            int n = 0;
            int length = s.Length;
            for (int i = 0; i < length; i++)
            {
                if (s[i] == '.')
                {
                    n++;
                }
            }

            return n;
        }

        public int FindColon(string s)
        {
            return s.IndexOf(':');
        }

        public bool HasMarker(string s)
        {
            return s.Contains("--");
        }

        public int SumLengthsInLoop(char[] chars, string s)
        {
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                n += chars[i];
            }

            return n;
        }

        public string PiecesInLoop(string s)
        {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 4; i++)
            {
                sb.Append(s.Substring(i, 1));
            }

            return sb.ToString();
        }

        public string EncodeWithTheRuntime(byte[] data)
        {
            return Convert.ToBase64String(data);
        }

        public string LoneSurrogateLiteral()
        {
            return "a\ud800b";
        }

        public string NulLiteral()
        {
            return "a\u0000b";
        }
    }

    public static class StaticFromMscorlib
    {
        public static readonly DateTime Never = DateTime.MaxValue;
    }

    public static class StaticViaHelper
    {
        public static readonly long Zero = Compute();

        private static long Compute()
        {
            return TimeSpan.Zero.Ticks;
        }
    }

    public static class StaticFromPropertyGetter
    {
        public static readonly Encoding Utf8 = Encoding.UTF8;
    }

    // What the rules accept: Length read once outside any loop, a char array scanned in a loop, a
    // per-string method called in a loop, literals and a DateTime built from ticks in a static field.
    public class RuntimeAcceptedSample
    {
        public static readonly DateTime FromTicks = new DateTime(946708127999999999L, DateTimeKind.Utc);
        public static readonly string[] Names = new string[] { "a", "b" };
        public const string Marker = "--";

        public int CountDotsOnce(string s)
        {
            char[] chars = s.ToCharArray();
            int n = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '.')
                {
                    n++;
                }
            }

            return n;
        }

        public int LengthOutsideTheLoop(string s)
        {
            return s.Length;
        }

        public int TotalLength(string[] parts)
        {
            int total = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                total += LengthOutsideTheLoop(parts[i]);
            }

            return total;
        }

        public string Emoji()
        {
            return "\ud83d\ude00";
        }
    }
}
