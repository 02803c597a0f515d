using System;

namespace DeviceAuth.Crypto
{
    /// <summary>
    /// Montgomery arithmetic modulo an odd M held in K limbs of w bits (w = 29 or 28) stored in
    /// <c>ulong</c>s; R = 2^(wK).
    /// <para>
    /// Multiplication and squaring scan products column by column (Comba) with the Montgomery
    /// reduction interleaved (the "FIPS" method of Koc, Acar and Kaliski 1996). A limb product is
    /// below 2^(2w), so a column's products add up in 64-bit accumulators without any carry
    /// handling: the inner loop step is two multiply-adds into two locals, four array reads, no
    /// array write, no branch, no conversion. w is chosen so that K * 2^(2w) plus the carry stays
    /// below 2^64 (w = 29 up to 61 limbs, 28 up to 253). Squaring computes each cross product once,
    /// in the same loop step as a reduction term, and doubles the column sum: about 0.75 of a
    /// multiplication's steps. The final conditional subtraction is done with a mask, so the time
    /// of a product does not depend on whether the extra reduction happens.
    /// </para>
    /// The result array may be either operand. Not thread-safe (shared scratch).
    /// </summary>
    internal sealed class Montgomery
    {
        /// <summary>Limb count.</summary>
        internal readonly int K;

        /// <summary>Bits per limb.</summary>
        internal readonly int W;

        /// <summary>The modulus (K limbs).</summary>
        internal readonly ulong[] M;

        /// <summary>R mod M: the Montgomery form of 1.</summary>
        internal readonly ulong[] One;

        /// <summary>R^2 mod M: a Montgomery product with it converts into Montgomery form.</summary>
        internal readonly ulong[] R2;

        /// <summary>Montgomery products (and reductions) done since the counters were last cleared.</summary>
        internal int Products;

        /// <summary>Montgomery squarings done since the counters were last cleared.</summary>
        internal int Squarings;

        private readonly ulong _mask;
        private readonly ulong _m0Inv;
        private readonly ulong[] _u;
        private readonly ulong[] _t;

        /// <summary>
        /// Precomputes the constants for the odd modulus <paramref name="modulus"/> (big-endian
        /// magnitude, &gt; 1) in <paramref name="k"/> limbs of <paramref name="w"/> bits; the modulus
        /// must fit, and k must not exceed 61 for w = 29 or 253 for w = 28.
        /// </summary>
        internal Montgomery(byte[] modulus, int w, int k)
        {
            int bits = Limbs.BitLength(modulus, 0, modulus.Length);
            K = k;
            W = w;
            _mask = (1UL << w) - 1;
            M = new ulong[k];
            Limbs.FromBigEndian(modulus, 0, modulus.Length, M, k, w);
            _u = new ulong[k];
            _t = new ulong[k];

            // -M^-1 mod 2^w by Newton iteration: x*m0 = 1 mod 8 holds for x = m0, and each step
            // doubles the number of correct bits (3, 6, 12, 24, 48).
            uint m0 = (uint)M[0];
            uint inv = m0;
            for (int i = 0; i < 4; i++)
            {
                inv *= 2 - (m0 * inv);
            }

            _m0Inv = (0 - (ulong)inv) & _mask;

            // R mod M: start from the highest power of two not above M and double up to 2^(wK).
            One = new ulong[k];
            One[(bits - 1) / w] = 1UL << ((bits - 1) % w);
            for (int i = bits - 1; i < w * k; i++)
            {
                DoubleMod(One);
            }

            // R^2 mod M is the Montgomery form of 2^(wK). With wK = c * 2^t, c odd: doubling R mod M
            // c times gives the form of 2^c, and each Montgomery squaring doubles the exponent.
            R2 = new ulong[k];
            Array.Copy(One, R2, k);
            int c = w * k;
            int t = 0;
            while ((c & 1) == 0)
            {
                c >>= 1;
                t++;
            }

            for (int i = 0; i < c; i++)
            {
                DoubleMod(R2);
            }

            for (int i = 0; i < t; i++)
            {
                Square(R2, R2);
            }

            Normalize(R2);

            Products = 0;
            Squarings = 0;
        }

        /// <summary>
        /// The limb width for a modulus of <paramref name="bits"/> bits: 29 while that needs at most 61
        /// limbs, else 28. A column adds at most K + 2 products below 2^(2w) plus a carry below
        /// 2^(w+8) into one accumulator: (61 + 2) * 2^58 and 255 * 2^56 stay below 2^64.
        /// </summary>
        internal static int LimbBits(int bits)
        {
            return LimbCount(bits, 29) <= 61 ? 29 : 28;
        }

        /// <summary>The limb count for a modulus of <paramref name="bits"/> bits in <paramref name="w"/>-bit limbs, leaving R &gt;= 4M.</summary>
        internal static int LimbCount(int bits, int w)
        {
            return (bits + 2 + w - 1) / w;
        }

        /// <summary>r = a * b / R (mod M) with r &lt; 2M, for a, b &lt; 2M (r is not fully reduced; see <see cref="Normalize"/>).</summary>
        internal void Multiply(ulong[] a, ulong[] b, ulong[] r)
        {
            Products++;
            ulong[] n = M;
            ulong[] u = _u;
            int k = K;
            int w = W;
            ulong mask = _mask;
            ulong m0Inv = _m0Inv;
            ulong carry = 0;
            ulong acc1;
            ulong acc2;
            int i;
            int j;
            int end;
            int end4;

            // Columns 0..k-1: add a[s]*b[0] last, then pick u[s] so that adding u[s]*n[0]
            // clears the column's low w bits.
            for (int s = 0; s < k; s++)
            {
                acc1 = carry;
                acc2 = 0;
                i = 0;
                j = s;
                end = s;
                end4 = s & ~3;
                while (i < end4)
                {
                    acc1 += (a[i] * b[j]) + (a[i + 1] * b[j - 1]) + (a[i + 2] * b[j - 2]) + (a[i + 3] * b[j - 3]);
                    acc2 += (u[i] * n[j]) + (u[i + 1] * n[j - 1]) + (u[i + 2] * n[j - 2]) + (u[i + 3] * n[j - 3]);
                    i += 4;
                    j -= 4;
                }

                while (i < end)
                {
                    acc1 += a[i] * b[j];
                    acc2 += u[i] * n[j];
                    i++;
                    j--;
                }

                acc1 += a[s] * b[0];
                acc2 += acc1 & mask;
                ulong m = (acc2 * m0Inv) & mask;
                u[s] = m;
                acc2 += m * n[0];
                carry = (acc1 >> w) + (acc2 >> w);
            }

            // Columns k..2k-2 give the result limbs 0..k-2.
            int last = (2 * k) - 1;
            for (int s = k; s < last; s++)
            {
                acc1 = carry;
                acc2 = 0;
                i = s - k + 1;
                j = k - 1;
                end = k;
                end4 = i + ((k - i) & ~3);
                while (i < end4)
                {
                    acc1 += (a[i] * b[j]) + (a[i + 1] * b[j - 1]) + (a[i + 2] * b[j - 2]) + (a[i + 3] * b[j - 3]);
                    acc2 += (u[i] * n[j]) + (u[i + 1] * n[j - 1]) + (u[i + 2] * n[j - 2]) + (u[i + 3] * n[j - 3]);
                    i += 4;
                    j -= 4;
                }

                while (i < end)
                {
                    acc1 += a[i] * b[j];
                    acc2 += u[i] * n[j];
                    i++;
                    j--;
                }

                acc2 += acc1 & mask;
                r[s - k] = acc2 & mask;
                carry = (acc1 >> w) + (acc2 >> w);
            }

            r[k - 1] = carry;
        }

        /// <summary>r = a * a / R (mod M) with r &lt; 2M, for a &lt; 2M.</summary>
        internal void Square(ulong[] a, ulong[] r)
        {
            Squarings++;
            ulong[] n = M;
            ulong[] u = _u;
            int k = K;
            int w = W;
            ulong mask = _mask;
            ulong m0Inv = _m0Inv;
            ulong carry = 0;
            ulong acc1;
            ulong acc2;
            int i;
            int j;
            int end;
            int end4;

            for (int s = 0; s < k; s++)
            {
                // Cross products a[i]*a[j] (i < j) into acc1, reduction terms into acc2.
                acc1 = 0;
                acc2 = carry;
                i = 0;
                j = s;
                end = (s + 1) >> 1;
                end4 = end & ~3;
                while (i < end4)
                {
                    acc1 += (a[i] * a[j]) + (a[i + 1] * a[j - 1]) + (a[i + 2] * a[j - 2]) + (a[i + 3] * a[j - 3]);
                    acc2 += (u[i] * n[j]) + (u[i + 1] * n[j - 1]) + (u[i + 2] * n[j - 2]) + (u[i + 3] * n[j - 3]);
                    i += 4;
                    j -= 4;
                }

                while (i < end)
                {
                    acc1 += a[i] * a[j];
                    acc2 += u[i] * n[j];
                    i++;
                    j--;
                }

                acc1 <<= 1;
                if (i == j)
                {
                    acc1 += a[i] * a[i];
                }

                end = s;
                end4 = i + ((s - i) & ~3);
                while (i < end4)
                {
                    acc2 += (u[i] * n[j]) + (u[i + 1] * n[j - 1]) + (u[i + 2] * n[j - 2]) + (u[i + 3] * n[j - 3]);
                    i += 4;
                    j -= 4;
                }

                while (i < end)
                {
                    acc2 += u[i] * n[j];
                    i++;
                    j--;
                }

                acc2 += acc1 & mask;
                ulong m = (acc2 * m0Inv) & mask;
                u[s] = m;
                acc2 += m * n[0];
                carry = (acc1 >> w) + (acc2 >> w);
            }

            int last = (2 * k) - 1;
            for (int s = k; s < last; s++)
            {
                acc1 = 0;
                acc2 = carry;
                i = s - k + 1;
                j = k - 1;
                end = (last - s) >> 1;
                end4 = i + (end & ~3);
                end += i;
                while (i < end4)
                {
                    acc1 += (a[i] * a[j]) + (a[i + 1] * a[j - 1]) + (a[i + 2] * a[j - 2]) + (a[i + 3] * a[j - 3]);
                    acc2 += (u[i] * n[j]) + (u[i + 1] * n[j - 1]) + (u[i + 2] * n[j - 2]) + (u[i + 3] * n[j - 3]);
                    i += 4;
                    j -= 4;
                }

                while (i < end)
                {
                    acc1 += a[i] * a[j];
                    acc2 += u[i] * n[j];
                    i++;
                    j--;
                }

                acc1 <<= 1;
                if (i == j)
                {
                    acc1 += a[i] * a[i];
                }

                end = k;
                end4 = i + ((k - i) & ~3);
                while (i < end4)
                {
                    acc2 += (u[i] * n[j]) + (u[i + 1] * n[j - 1]) + (u[i + 2] * n[j - 2]) + (u[i + 3] * n[j - 3]);
                    i += 4;
                    j -= 4;
                }

                while (i < end)
                {
                    acc2 += u[i] * n[j];
                    i++;
                    j--;
                }

                acc2 += acc1 & mask;
                r[s - k] = acc2 & mask;
                carry = (acc1 >> w) + (acc2 >> w);
            }

            r[k - 1] = carry;
        }

        /// <summary>
        /// r = x / R (mod M) with r &lt; 2M, for x of <paramref name="xCount"/> &lt;= 2K limbs with
        /// x &lt; R * M (Montgomery reduction alone). Counted as a product.
        /// </summary>
        internal void Reduce(ulong[] x, int xCount, ulong[] r)
        {
            Products++;
            ulong[] n = M;
            ulong[] u = _u;
            int k = K;
            int w = W;
            ulong mask = _mask;
            ulong m0Inv = _m0Inv;
            ulong acc = 0;
            for (int s = 0; s < k; s++)
            {
                if (s < xCount)
                {
                    acc += x[s];
                }

                int j = s;
                for (int i = 0; i < s; i++)
                {
                    acc += u[i] * n[j];
                    j--;
                }

                ulong m = (acc * m0Inv) & mask;
                u[s] = m;
                acc += m * n[0];
                acc >>= w;
            }

            int last = 2 * k;
            for (int s = k; s < last; s++)
            {
                if (s < xCount)
                {
                    acc += x[s];
                }

                int j = k - 1;
                for (int i = s - k + 1; i < k; i++)
                {
                    acc += u[i] * n[j];
                    j--;
                }

                r[s - k] = acc & mask;
                acc >>= w;
            }

        }

        /// <summary>Reduces r (&lt; 2M) to r mod M, in constant time.</summary>
        internal void Normalize(ulong[] r)
        {
            FinalSubtract(r, 0);
        }

        /// <summary>Clears the modulus, its constants and the scratch (the modulus may be a secret prime).</summary>
        internal void Wipe()
        {
            Limbs.Wipe(M);
            Limbs.Wipe(One);
            Limbs.Wipe(R2);
            Limbs.Wipe(_u);
            Limbs.Wipe(_t);
        }

        // r = (carry:r) - M when that is not negative, else r. Both are computed; a mask chooses.
        private void FinalSubtract(ulong[] r, ulong carry)
        {
            ulong[] n = M;
            ulong[] t = _t;
            int k = K;
            ulong mask = _mask;
            ulong borrow = 0;
            for (int i = 0; i < k; i++)
            {
                ulong d = r[i] - n[i] - borrow;
                t[i] = d & mask;
                borrow = d >> 63;
            }

            // Take t when there was a carry out of the top limb, or when no borrow occurred.
            ulong select = 0 - (carry | (borrow ^ 1));
            for (int i = 0; i < k; i++)
            {
                ulong v = r[i];
                r[i] = v ^ ((v ^ t[i]) & select);
            }
        }

        // v = 2v mod M for v < M (only while precomputing constants).
        private void DoubleMod(ulong[] v)
        {
            int k = K;
            int w = W;
            ulong mask = _mask;
            ulong carry = 0;
            for (int i = 0; i < k; i++)
            {
                ulong x = (v[i] << 1) | carry;
                v[i] = x & mask;
                carry = x >> w;
            }

            FinalSubtract(v, carry);
        }
    }
}
