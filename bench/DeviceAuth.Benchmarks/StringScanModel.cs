using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text;

namespace DeviceAuth.Benchmarks;

/// <summary>
/// The part of the device's cost that the host's IL count cannot see: nanoCLR stores strings as
/// UTF-8, so its native String members walk the characters from the start on every call
/// (nf-interpreter src/CLR/CorLib/corlib_native_System_String.cpp, CLR_RT_UnicodeHelper). An
/// instrumented device assembly calls these stand-ins instead of the real members; each does the
/// real work (so tests still pass) and adds the characters the device would walk ("steps"):
/// <list type="bullet">
/// <item>s[i]: n (CountNumberOfCharacters) + i + 1 (skip to i, read one);</item>
/// <item>s.Length: n;</item>
/// <item>IndexOf/IndexOfAny/LastIndexOf*/Contains: n + the characters scanned (to the hit, or all);</item>
/// <item>ToCharArray(): 2n (count, convert); ToCharArray(start, len): n + start + len;</item>
/// <item>Substring, Trim*, Split, ToLower, ToUpper: 2n (the whole string is converted) + the result;</item>
/// <item>new string(char[]...), String.Concat, ==, Equals, Encoding.UTF8 GetBytes/GetString,
/// StringBuilder.Append(string)/ToString: the characters converted or copied.</item>
/// </list>
/// One step is a few cycles of native code, far cheaper than an interpreted IL instruction; see
/// <see cref="StepsPerIl"/> for the conversion used when the two are added.
/// </summary>
public static class StringScanModel
{
    /// <summary>IL instructions executed (the instrumented assemblies add to it per basic block).</summary>
    public static long Il;

    /// <summary>Characters walked by native string code, per the model above.</summary>
    public static long Steps;

    /// <summary>Calls of String.get_Chars (s[i]).</summary>
    public static long CharsCalls;

    /// <summary>Calls of String.get_Length.</summary>
    public static long LengthCalls;

    /// <summary>
    /// Character steps that cost as much as one IL instruction on nanoCLR, calibrated from the two
    /// timings in ../shared/NANOFRAMEWORK.md (desktop nanoCLR, a 6,144-character token: 49 ms with
    /// the library's s[i] loop before this change, 0.37 ms with one ToCharArray): see <see cref="DeviceSuiteCost.Calibrate"/>.
    /// Set by the calibration before any report; NaN until then.
    /// </summary>
    public static double StepsPerIl = double.NaN;

    /// <summary>Nanoseconds per IL instruction on the desktop nanoCLR of that measurement (same calibration).</summary>
    public static double NsPerIl = double.NaN;

    /// <summary>Resets every counter.</summary>
    public static void Reset()
    {
        Il = 0;
        Steps = 0;
        CharsCalls = 0;
        LengthCalls = 0;
    }

    /// <summary>IL plus steps converted to IL instructions.</summary>
    public static double IlEquivalent(long il, long steps) => il + steps / StepsPerIl;

    /// <summary>The stand-in for each modelled member, keyed by "Type::Name(ParamTypes)" as Cecil writes a method reference.</summary>
    public static Dictionary<string, MethodInfo> StandIns()
    {
        var map = new Dictionary<string, MethodInfo>(StringComparer.Ordinal);
        foreach (MethodInfo m in typeof(StringScanModel).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            object[] attrs = m.GetCustomAttributes(typeof(ModelsAttribute), false);
            if (attrs.Length == 1)
            {
                map.Add(((ModelsAttribute)attrs[0]).Member, m);
            }
        }

        return map;
    }

    /// <summary>Names the member a stand-in replaces.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class ModelsAttribute : Attribute
    {
        public ModelsAttribute(string member) => Member = member;

        public string Member { get; }
    }

#pragma warning disable CS1591 // one stand-in per member, documented by its [Models] line and the class summary
    [Models("System.String::get_Chars(System.Int32)")]
    public static char Chars(string s, int i)
    {
        CharsCalls++;
        Steps += s.Length + i + 1;
        return s[i];
    }

    [Models("System.String::get_Length()")]
    public static int Length(string s)
    {
        LengthCalls++;
        Steps += s.Length;
        return s.Length;
    }

    [Models("System.String::IndexOf(System.Char)")]
    public static int IndexOf(string s, char c) => Scanned(s, s.IndexOf(c));

    [Models("System.String::IndexOf(System.Char,System.Int32)")]
    public static int IndexOf(string s, char c, int start) => Scanned(s, s.IndexOf(c, start));

    [Models("System.String::IndexOf(System.Char,System.Int32,System.Int32)")]
    public static int IndexOf(string s, char c, int start, int count) => Scanned(s, s.IndexOf(c, start, count));

    [Models("System.String::IndexOf(System.String)")]
    public static int IndexOf(string s, string v) => Scanned(s, s.IndexOf(v, StringComparison.Ordinal));

    [Models("System.String::IndexOf(System.String,System.Int32)")]
    public static int IndexOf(string s, string v, int start) => Scanned(s, s.IndexOf(v, start, StringComparison.Ordinal));

    [Models("System.String::IndexOfAny(System.Char[])")]
    public static int IndexOfAny(string s, char[] any) => Scanned(s, s.IndexOfAny(any));

    [Models("System.String::LastIndexOf(System.Char)")]
    public static int LastIndexOf(string s, char c)
    {
        Steps += 2L * s.Length;
        return s.LastIndexOf(c);
    }

    [Models("System.String::Contains(System.String)")]
    public static bool Contains(string s, string v) => Scanned(s, s.IndexOf(v, StringComparison.Ordinal)) >= 0;

    [Models("System.String::ToCharArray()")]
    public static char[] ToCharArray(string s)
    {
        Steps += 2L * s.Length;
        return s.ToCharArray();
    }

    [Models("System.String::ToCharArray(System.Int32,System.Int32)")]
    public static char[] ToCharArray(string s, int start, int length)
    {
        Steps += s.Length + start + length;
        return s.ToCharArray(start, length);
    }

    [Models("System.String::Substring(System.Int32)")]
    public static string Substring(string s, int start) => Converted(s, s.Substring(start));

    [Models("System.String::Substring(System.Int32,System.Int32)")]
    public static string Substring(string s, int start, int length) => Converted(s, s.Substring(start, length));

    [Models("System.String::Trim()")]
    public static string Trim(string s) => Converted(s, s.Trim());

    [Models("System.String::ToLower()")]
    public static string ToLower(string s) => Converted(s, s.ToLowerInvariant());

    [Models("System.String::ToUpper()")]
    public static string ToUpper(string s) => Converted(s, s.ToUpperInvariant());

    [Models("System.String::Split(System.Char[])")]
    public static string[] Split(string s, char[] separators)
    {
        Steps += 3L * s.Length;
        return s.Split(separators);
    }

    [Models("System.String::.ctor(System.Char[])")]
    public static string NewString(char[] c)
    {
        Steps += c.Length;
        return new string(c);
    }

    [Models("System.String::.ctor(System.Char[],System.Int32,System.Int32)")]
    public static string NewString(char[] c, int start, int length)
    {
        Steps += length;
        return new string(c, start, length);
    }

    [Models("System.String::.ctor(System.Char,System.Int32)")]
    public static string NewString(char c, int count)
    {
        Steps += count;
        return new string(c, count);
    }

    [Models("System.String::Concat(System.String,System.String)")]
    public static string Concat(string a, string b) => Joined(string.Concat(a, b));

    [Models("System.String::Concat(System.String,System.String,System.String)")]
    public static string Concat(string a, string b, string c) => Joined(string.Concat(a, b, c));

    [Models("System.String::Concat(System.String,System.String,System.String,System.String)")]
    public static string Concat(string a, string b, string c, string d) => Joined(string.Concat(a, b, c, d));

    [Models("System.String::Concat(System.String[])")]
    public static string Concat(string[] parts) => Joined(string.Concat(parts));

    [Models("System.String::op_Equality(System.String,System.String)")]
    public static bool Equal(string a, string b)
    {
        Steps += a == null || b == null ? 0 : Math.Min(a.Length, b.Length);
        return string.Equals(a, b);
    }

    [Models("System.String::op_Inequality(System.String,System.String)")]
    public static bool NotEqual(string a, string b) => !Equal(a, b);

    [Models("System.Text.Encoding::GetBytes(System.String)")]
    public static byte[] GetBytes(System.Text.Encoding e, string s)
    {
        Steps += s.Length;
        return e.GetBytes(s);
    }

    [Models("System.Text.Encoding::GetString(System.Byte[],System.Int32,System.Int32)")]
    public static string GetString(System.Text.Encoding e, byte[] b, int offset, int count)
    {
        Steps += count;
        return e.GetString(b, offset, count);
    }

    [Models("System.Text.StringBuilder::Append(System.String)")]
    public static StringBuilder Append(StringBuilder sb, string s)
    {
        Steps += s == null ? 0 : s.Length;
        return sb.Append(s);
    }

    [Models("System.Text.StringBuilder::ToString()")]
    public static string BuilderToString(StringBuilder sb)
    {
        Steps += sb.Length;
        return sb.ToString();
    }
#pragma warning restore CS1591

    private static int Scanned(string s, int result)
    {
        Steps += s.Length + (result >= 0 ? result + 1 : s.Length);
        return result;
    }

    private static string Converted(string s, string result)
    {
        Steps += 2L * s.Length + result.Length;
        return result;
    }

    private static string Joined(string result)
    {
        Steps += result.Length;
        return result;
    }
}
