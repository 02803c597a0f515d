using System;

namespace DeviceAuth.Lifetime
{
    /// <summary>
    /// The range check every session and token-service setting uses, so that all of them fail the
    /// same way: <see cref="ArgumentOutOfRangeException"/> naming the setting and its bounds.
    /// </summary>
    public static class SettingRange
    {
        /// <summary>Returns <paramref name="value"/> when it lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
        /// <param name="value">The value being set.</param>
        /// <param name="min">Smallest allowed value.</param>
        /// <param name="max">Largest allowed value.</param>
        /// <param name="name">The setting's name, used as the exception's parameter name and in its message.</param>
        /// <exception cref="ArgumentOutOfRangeException">"<c>name</c> must be between <c>min</c> and <c>max</c>."</exception>
        public static int Check(int value, int min, int max, string name)
        {
            if (value < min || value > max)
            {
                throw new ArgumentOutOfRangeException(name, name + " must be between " + min.ToString() + " and " + max.ToString() + ".");
            }

            return value;
        }
    }
}
