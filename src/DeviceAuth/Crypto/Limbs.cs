using System;

namespace DeviceAuth.Crypto
{
    /// <summary>
    /// Helpers for natural numbers stored as little-endian arrays of w-bit limbs held in
    /// <c>ulong</c>s (limb 0 is the least significant; w is 28 or 29, see <see cref="Montgomery"/>).
    /// None of these run inside the exponentiation's inner loops.
    /// </summary>
    internal static class Limbs
    {
        /// <summary>Loads a big-endian magnitude into <paramref name="count"/> limbs of <paramref name="w"/> bits (the value must fit).</summary>
        internal static void FromBigEndian(byte[] source, int offset, int length, ulong[] target, int count, int w)
        {
            Array.Clear(target, 0, count);
            ulong mask = (1UL << w) - 1;
            ulong acc = 0;
            int have = 0;
            int limb = 0;
            for (int i = offset + length - 1; i >= offset; i--)
            {
                acc |= (ulong)source[i] << have;
                have += 8;
                if (have >= w)
                {
                    if (limb < count)
                    {
                        target[limb] = acc & mask;
                    }

                    limb++;
                    acc >>= w;
                    have -= w;
                }
            }

            if (have > 0 && limb < count)
            {
                target[limb] = acc;
            }
        }

        /// <summary>Writes the value as <paramref name="length"/> big-endian bytes (truncating high bytes that do not fit).</summary>
        internal static void ToBigEndian(ulong[] source, int count, int w, byte[] target, int offset, int length)
        {
            int o = offset + length - 1;
            ulong acc = 0;
            int have = 0;
            int limb = 0;
            while (o >= offset)
            {
                if (have < 8 && limb < count)
                {
                    acc |= source[limb] << have;
                    have += w;
                    limb++;
                }

                target[o] = (byte)acc;
                acc >>= 8;
                have -= 8;
                o--;
            }
        }

        /// <summary>Loads a big-endian magnitude into 32-bit limbs (for reading exponent bits).</summary>
        internal static uint[] Words(byte[] source, int count)
        {
            uint[] target = new uint[count];
            int shift = 0;
            int limb = 0;
            for (int i = source.Length - 1; i >= 0 && limb < count; i--)
            {
                target[limb] |= (uint)source[i] << shift;
                shift += 8;
                if (shift == 32)
                {
                    shift = 0;
                    limb++;
                }
            }

            return target;
        }

        /// <summary>The number of significant bits of a big-endian magnitude.</summary>
        internal static int BitLength(byte[] data, int offset, int length)
        {
            for (int i = 0; i < length; i++)
            {
                int b = data[offset + i];
                if (b != 0)
                {
                    int bits = 0;
                    while (b != 0)
                    {
                        bits++;
                        b >>= 1;
                    }

                    return ((length - i - 1) * 8) + bits;
                }
            }

            return 0;
        }

        /// <summary>Compares two values of <paramref name="count"/> limbs: negative, zero or positive.</summary>
        internal static int Compare(ulong[] a, ulong[] b, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                if (a[i] != b[i])
                {
                    return a[i] < b[i] ? -1 : 1;
                }
            }

            return 0;
        }

        /// <summary>Whether the value is zero.</summary>
        internal static bool IsZero(ulong[] a, int count)
        {
            ulong acc = 0;
            for (int i = 0; i < count; i++)
            {
                acc |= a[i];
            }

            return acc == 0;
        }

        /// <summary>r = a * b (schoolbook); r has aCount + bCount limbs and must not overlap a or b.</summary>
        internal static void Multiply(ulong[] a, int aCount, ulong[] b, int bCount, ulong[] r, int w)
        {
            ulong mask = (1UL << w) - 1;
            Array.Clear(r, 0, aCount + bCount);
            for (int i = 0; i < aCount; i++)
            {
                ulong ai = a[i];
                ulong carry = 0;
                int p = i;
                for (int j = 0; j < bCount; j++)
                {
                    carry += r[p] + (ai * b[j]);
                    r[p] = carry & mask;
                    carry >>= w;
                    p++;
                }

                r[p] = carry;
            }
        }

        /// <summary>a += b over <paramref name="count"/> limbs of a (b has <paramref name="bCount"/> limbs); returns the carry out.</summary>
        internal static ulong Add(ulong[] a, int count, ulong[] b, int bCount, int w)
        {
            ulong mask = (1UL << w) - 1;
            ulong carry = 0;
            for (int i = 0; i < count; i++)
            {
                carry += a[i];
                if (i < bCount)
                {
                    carry += b[i];
                }

                a[i] = carry & mask;
                carry >>= w;
            }

            return carry;
        }

        /// <summary>
        /// r = (a - b) mod m for a, b &lt; m, without a data-dependent branch: the modulus is added
        /// back under a mask made from the borrow.
        /// </summary>
        internal static void SubtractMod(ulong[] a, ulong[] b, ulong[] m, ulong[] r, int count, int w)
        {
            ulong mask = (1UL << w) - 1;
            ulong borrow = 0;
            for (int i = 0; i < count; i++)
            {
                ulong d = a[i] - b[i] - borrow;
                r[i] = d & mask;
                borrow = d >> 63;
            }

            ulong select = 0 - borrow;
            ulong carry = 0;
            for (int i = 0; i < count; i++)
            {
                carry += r[i] + (m[i] & select);
                r[i] = carry & mask;
                carry >>= w;
            }
        }

        /// <summary>Clears an array if it exists.</summary>
        internal static void Wipe(ulong[] a)
        {
            if (a != null)
            {
                Array.Clear(a, 0, a.Length);
            }
        }

        /// <summary>Clears an array if it exists.</summary>
        internal static void Wipe(uint[] a)
        {
            if (a != null)
            {
                Array.Clear(a, 0, a.Length);
            }
        }

        /// <summary>Clears an array if it exists.</summary>
        internal static void Wipe(byte[] a)
        {
            if (a != null)
            {
                Array.Clear(a, 0, a.Length);
            }
        }
    }
}
