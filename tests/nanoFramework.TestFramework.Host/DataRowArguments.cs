using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace nanoFramework.TestFramework.HostRunner
{
    /// <summary>
    /// Reads the arguments of one [DataRow] from its metadata and says whether the real device can
    /// run it. nanoCLR's attribute parser accepts only numbers (bool, char, sbyte, byte, short, ushort,
    /// int, uint, long, ulong, float, double) and strings (../shared/NANOFRAMEWORK.md); anything else
    /// (an array, an enum, a typeof) makes GetCustomAttributes throw, which the official launcher
    /// (3.0.77) does not catch: the run ends silently and every later test class is never run. A null
    /// is refused too: nothing shows the parser accepts one. Strings must be ones a device string can
    /// hold: no U+0000 (the device string ends there), and no U+FFFD, which is what the compiler
    /// stores for an unpaired surrogate written in the source (the row would not hold what it says).
    /// </summary>
    public static class DataRowArguments
    {
        private static readonly HashSet<Type> Accepted = new HashSet<Type>
        {
            typeof(bool), typeof(char), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort),
            typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(string),
        };

        /// <summary>The arguments of <paramref name="row"/>; <paramref name="refusal"/> says why the device cannot run it, or is null.</summary>
        /// <param name="row">A DataRowAttribute's metadata.</param>
        /// <param name="refusal">Null when the device can run the row.</param>
        public static object[] Decode(CustomAttributeData row, out string refusal)
        {
            refusal = null;
            IList<CustomAttributeTypedArgument> args = row.ConstructorArguments.Count == 1 && row.ConstructorArguments[0].ArgumentType == typeof(object[])
                ? (IList<CustomAttributeTypedArgument>)row.ConstructorArguments[0].Value
                : row.ConstructorArguments;
            if (args == null)
            {
                refusal = "the argument list is null, which the device's attribute parser is not known to accept";
                return new object[] { null };
            }

            var values = new object[args.Count];
            for (int k = 0; k < args.Count; k++)
            {
                values[k] = Value(args[k]);
                string why = Why(args[k], values[k]);
                if (why != null && refusal == null)
                {
                    refusal = "argument " + k + " " + why;
                }
            }

            return values;
        }

        /// <summary>Why the device cannot run an argument, or null.</summary>
        private static string Why(CustomAttributeTypedArgument arg, object value)
        {
            if (value == null)
            {
                return "is null, which the device's attribute parser is not known to accept (use a number, bool, char or string)";
            }

            if (!Accepted.Contains(arg.ArgumentType))
            {
                return "is " + Describe(arg.ArgumentType) + ": the device's attribute parser accepts only numbers, bool, char and strings; on the device GetCustomAttributes throws and the launcher ends the whole run there, silently, without running any later test class (pass an array as a hex or comma-separated string, an enum as its number)";
            }

            if (value is string s)
            {
                int nul = s.IndexOf('\0', StringComparison.Ordinal);
                if (nul >= 0)
                {
                    return "holds U+0000 at index " + nul + ": a device string ends there (test such text in code on the host)";
                }

                int fffd = s.IndexOf('\ufffd', StringComparison.Ordinal);
                if (fffd >= 0)
                {
                    return "holds U+FFFD at index " + fffd + ": the compiler stores an unpaired surrogate of the source as U+FFFD, and a device string cannot hold one either (test such text in code on the host; write U+FFFD in code if it is meant)";
                }
            }

            return null;
        }

        private static object Value(CustomAttributeTypedArgument arg)
        {
            if (arg.Value is IList<CustomAttributeTypedArgument> items)
            {
                Type element = arg.ArgumentType.GetElementType() ?? typeof(object);
                Array array = Array.CreateInstance(element, items.Count);
                for (int i = 0; i < items.Count; i++)
                {
                    array.SetValue(Value(items[i]), i);
                }

                return array;
            }

            if (arg.ArgumentType.IsEnum && arg.Value != null)
            {
                return Enum.ToObject(arg.ArgumentType, arg.Value);
            }

            return arg.Value;
        }

        private static string Describe(Type type)
        {
            if (type == typeof(Type))
            {
                return "a typeof(...)";
            }

            if (type.IsArray)
            {
                return "an array (" + type.Name + ")";
            }

            if (type.IsEnum)
            {
                return "an enum (" + type.Name + ")";
            }

            return "a " + type.Name;
        }
    }
}
