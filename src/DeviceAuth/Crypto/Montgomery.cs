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
    /// handling. w is chosen so that K * 2^(2w) plus the carry stays below 2^64 (w = 29 up to 61
    /// limbs, 28 up to 253). Columns are summed four at a time: a loop step covers a 4x4 tile of
    /// rows against the four columns, loading each limb into a local once and using it for up to
    /// four products (the b and n limbs slide: three of each step's seven come from the step
    /// before); no array write, no branch, no conversion in the step. Squaring computes each cross
    /// product once, in the same tiles as reduction terms, and doubles the column sums. Columns
    /// that do not fit a block use a column-at-a-time loop. No step depends on the values, so the
    /// time of a product does not either.
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
            ulong c0, c1, c2, c3, d0, d1, d2, d3;
            ulong x0, x1, x2, x3, y0, y1, y2, y3, y4, y5, y6, z0, z1, z2, z3, z4, z5, z6;
            int i;
            int j;
            int end;
            int end4;
            int last = (2 * k) - 1;
            int s = 0;
            while (s < last)
            {
                if (s < k ? s + 4 <= k : (s + 8 <= 2 * k && ((2 * k - s) & 3) == 0))
                {
                    // A block of four columns s..s+3. Rows i in [i, end) are valid for all four
                    // (and, below k, have their u[i] known): a 4x4 tile per step, each a, b, u, n
                    // limb loaded once into a local and used for up to four products.
                    c0 = 0;
                    c1 = 0;
                    c2 = 0;
                    c3 = 0;
                    d0 = 0;
                    d1 = 0;
                    d2 = 0;
                    d3 = 0;
                    if (s < k)
                    {
                        i = 0;
                        end = s;
                    }
                    else
                    {
                        // Rows s-k+1..s-k+3 are valid only for the first columns.
                        i = s - k + 1;
                        x0 = a[i];
                        x1 = a[i + 1];
                        x2 = a[i + 2];
                        y0 = b[k - 1];
                        y1 = b[k - 2];
                        y2 = b[k - 3];
                        c0 = (x0 * y0) + (x1 * y1) + (x2 * y2);
                        c1 = (x1 * y0) + (x2 * y1);
                        c2 = x2 * y0;
                        x0 = u[i];
                        x1 = u[i + 1];
                        x2 = u[i + 2];
                        y0 = n[k - 1];
                        y1 = n[k - 2];
                        y2 = n[k - 3];
                        d0 = (x0 * y0) + (x1 * y1) + (x2 * y2);
                        d1 = (x1 * y0) + (x2 * y1);
                        d2 = x2 * y0;
                        i += 3;
                        end = k;
                    }

                    j = s - i;
                    y4 = b[j + 1];
                    y5 = b[j + 2];
                    y6 = b[j + 3];
                    z4 = n[j + 1];
                    z5 = n[j + 2];
                    z6 = n[j + 3];
                    while (i < end)
                    {
                        x0 = a[i];
                        x1 = a[i + 1];
                        x2 = a[i + 2];
                        x3 = a[i + 3];
                        y0 = b[j - 3];
                        y1 = b[j - 2];
                        y2 = b[j - 1];
                        y3 = b[j];
                        c0 += (x0 * y3) + (x1 * y2) + (x2 * y1) + (x3 * y0);
                        c1 += (x0 * y4) + (x1 * y3) + (x2 * y2) + (x3 * y1);
                        c2 += (x0 * y5) + (x1 * y4) + (x2 * y3) + (x3 * y2);
                        c3 += (x0 * y6) + (x1 * y5) + (x2 * y4) + (x3 * y3);
                        y6 = y2;
                        y5 = y1;
                        y4 = y0;
                        x0 = u[i];
                        x1 = u[i + 1];
                        x2 = u[i + 2];
                        x3 = u[i + 3];
                        z0 = n[j - 3];
                        z1 = n[j - 2];
                        z2 = n[j - 1];
                        z3 = n[j];
                        d0 += (x0 * z3) + (x1 * z2) + (x2 * z1) + (x3 * z0);
                        d1 += (x0 * z4) + (x1 * z3) + (x2 * z2) + (x3 * z1);
                        d2 += (x0 * z5) + (x1 * z4) + (x2 * z3) + (x3 * z2);
                        d3 += (x0 * z6) + (x1 * z5) + (x2 * z4) + (x3 * z3);
                        z6 = z2;
                        z5 = z1;
                        z4 = z0;
                        i += 4;
                        j -= 4;
                    }

                    if (s < k)
                    {
                        // Rows s..s+3 (b[0..3]), then u[s..s+3] one column at a time.
                        x0 = a[s];
                        x1 = a[s + 1];
                        x2 = a[s + 2];
                        x3 = a[s + 3];
                        y0 = b[0];
                        y1 = b[1];
                        y2 = b[2];
                        y3 = b[3];
                        c0 += (x0 * y0) + carry;
                        c1 += (x0 * y1) + (x1 * y0);
                        c2 += (x0 * y2) + (x1 * y1) + (x2 * y0);
                        c3 += (x0 * y3) + (x1 * y2) + (x2 * y1) + (x3 * y0);
                        y0 = n[0];
                        y1 = n[1];
                        y2 = n[2];
                        y3 = n[3];
                        d0 += c0 & mask;
                        x0 = (d0 * m0Inv) & mask;
                        u[s] = x0;
                        d0 += x0 * y0;
                        c1 += (c0 >> w) + (d0 >> w);
                        d1 += (x0 * y1) + (c1 & mask);
                        x1 = (d1 * m0Inv) & mask;
                        u[s + 1] = x1;
                        d1 += x1 * y0;
                        c2 += (c1 >> w) + (d1 >> w);
                        d2 += (x0 * y2) + (x1 * y1) + (c2 & mask);
                        x2 = (d2 * m0Inv) & mask;
                        u[s + 2] = x2;
                        d2 += x2 * y0;
                        c3 += (c2 >> w) + (d2 >> w);
                        d3 += (x0 * y3) + (x1 * y2) + (x2 * y1) + (c3 & mask);
                        x3 = (d3 * m0Inv) & mask;
                        u[s + 3] = x3;
                        d3 += x3 * y0;
                        carry = (c3 >> w) + (d3 >> w);
                    }
                    else
                    {
                        i = s - k;
                        c0 += carry;
                        d0 += c0 & mask;
                        r[i] = d0 & mask;
                        c1 += (c0 >> w) + (d0 >> w);
                        d1 += c1 & mask;
                        r[i + 1] = d1 & mask;
                        c2 += (c1 >> w) + (d1 >> w);
                        d2 += c2 & mask;
                        r[i + 2] = d2 & mask;
                        c3 += (c2 >> w) + (d2 >> w);
                        d3 += c3 & mask;
                        r[i + 3] = d3 & mask;
                        carry = (c3 >> w) + (d3 >> w);
                    }

                    s += 4;
                }
                else if (s < k)
                {
                    // A single column below k: add a[s]*b[0] last, then pick u[s] so that adding
                    // u[s]*n[0] clears the column's low w bits.
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
                    s++;
                }
                else
                {
                    // A single column from k on gives the result limb s-k.
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
                    s++;
                }
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
            ulong c0, c1, c2, c3, d0, d1, d2, d3;
            ulong x0, x1, x2, x3, y0, y1, y2, y3, y4, y5, y6, z0, z1, z2, z3, z4, z5, z6;
            int i;
            int j;
            int h;
            int end;
            int end4;
            int last = (2 * k) - 1;
            int s = 0;
            while (s < last)
            {
                if (s < k ? s + 4 <= k : (s + 8 <= 2 * k && ((2 * k - s) & 3) == 0))
                {
                    // A block of four columns s..s+3 (see Multiply). Cross products a[i]*a[j], i < j,
                    // of all four columns in the rows i < h = s/2 (in whole tiles, then a
                    // two-row strip if h - i is not a multiple of 4), the reduction terms in rows up
                    // to end; the cross products of rows h and h+1 and the squares last.
                    c0 = 0;
                    c1 = 0;
                    c2 = 0;
                    c3 = 0;
                    d0 = 0;
                    d1 = 0;
                    d2 = 0;
                    d3 = 0;
                    h = s >> 1;
                    if (s < k)
                    {
                        i = 0;
                        end = s;
                    }
                    else
                    {
                        i = s - k + 1;
                        x0 = a[i];
                        x1 = a[i + 1];
                        x2 = a[i + 2];
                        y0 = a[k - 1];
                        y1 = a[k - 2];
                        y2 = a[k - 3];
                        c0 = (x0 * y0) + (x1 * y1) + (x2 * y2);
                        c1 = (x1 * y0) + (x2 * y1);
                        c2 = x2 * y0;
                        x0 = u[i];
                        x1 = u[i + 1];
                        x2 = u[i + 2];
                        y0 = n[k - 1];
                        y1 = n[k - 2];
                        y2 = n[k - 3];
                        d0 = (x0 * y0) + (x1 * y1) + (x2 * y2);
                        d1 = (x1 * y0) + (x2 * y1);
                        d2 = x2 * y0;
                        i += 3;
                        end = k;
                    }

                    j = s - i;
                    y4 = a[j + 1];
                    y5 = a[j + 2];
                    y6 = a[j + 3];
                    z4 = n[j + 1];
                    z5 = n[j + 2];
                    z6 = n[j + 3];
                    end4 = h - ((h - i) & 3);
                    while (i < end4)
                    {
                        x0 = a[i];
                        x1 = a[i + 1];
                        x2 = a[i + 2];
                        x3 = a[i + 3];
                        y0 = a[j - 3];
                        y1 = a[j - 2];
                        y2 = a[j - 1];
                        y3 = a[j];
                        c0 += (x0 * y3) + (x1 * y2) + (x2 * y1) + (x3 * y0);
                        c1 += (x0 * y4) + (x1 * y3) + (x2 * y2) + (x3 * y1);
                        c2 += (x0 * y5) + (x1 * y4) + (x2 * y3) + (x3 * y2);
                        c3 += (x0 * y6) + (x1 * y5) + (x2 * y4) + (x3 * y3);
                        y6 = y2;
                        y5 = y1;
                        y4 = y0;
                        x0 = u[i];
                        x1 = u[i + 1];
                        x2 = u[i + 2];
                        x3 = u[i + 3];
                        z0 = n[j - 3];
                        z1 = n[j - 2];
                        z2 = n[j - 1];
                        z3 = n[j];
                        d0 += (x0 * z3) + (x1 * z2) + (x2 * z1) + (x3 * z0);
                        d1 += (x0 * z4) + (x1 * z3) + (x2 * z2) + (x3 * z1);
                        d2 += (x0 * z5) + (x1 * z4) + (x2 * z3) + (x3 * z2);
                        d3 += (x0 * z6) + (x1 * z5) + (x2 * z4) + (x3 * z3);
                        z6 = z2;
                        z5 = z1;
                        z4 = z0;
                        i += 4;
                        j -= 4;
                    }

                    if (i < h)
                    {
                        // Rows h-2 and h-1.
                        x0 = a[i];
                        x1 = a[i + 1];
                        y0 = a[j - 1];
                        y1 = a[j];
                        c0 += (x0 * y1) + (x1 * y0);
                        c1 += (x0 * y4) + (x1 * y1);
                        c2 += (x0 * y5) + (x1 * y4);
                        c3 += (x0 * y6) + (x1 * y5);
                    }

                    while (i < end)
                    {
                        x0 = u[i];
                        x1 = u[i + 1];
                        x2 = u[i + 2];
                        x3 = u[i + 3];
                        z0 = n[j - 3];
                        z1 = n[j - 2];
                        z2 = n[j - 1];
                        z3 = n[j];
                        d0 += (x0 * z3) + (x1 * z2) + (x2 * z1) + (x3 * z0);
                        d1 += (x0 * z4) + (x1 * z3) + (x2 * z2) + (x3 * z1);
                        d2 += (x0 * z5) + (x1 * z4) + (x2 * z3) + (x3 * z2);
                        d3 += (x0 * z6) + (x1 * z5) + (x2 * z4) + (x3 * z3);
                        z6 = z2;
                        z5 = z1;
                        z4 = z0;
                        i += 4;
                        j -= 4;
                    }

                    // Rows h and h+1, doubling, and the squares a[h]^2 (column s), a[h+1]^2 (s+2).
                    x0 = a[h];
                    x1 = a[h + 1];
                    x2 = a[h + 2];
                    x3 = a[h + 3];
                    c0 = (c0 << 1) + (x0 * x0);
                    c1 = (c1 + (x0 * x1)) << 1;
                    c2 = ((c2 + (x0 * x2)) << 1) + (x1 * x1);
                    c3 = (c3 + (x0 * x3) + (x1 * x2)) << 1;
                    if (s < k)
                    {
                        y0 = n[0];
                        y1 = n[1];
                        y2 = n[2];
                        y3 = n[3];
                        c0 += carry;
                        d0 += c0 & mask;
                        x0 = (d0 * m0Inv) & mask;
                        u[s] = x0;
                        d0 += x0 * y0;
                        c1 += (c0 >> w) + (d0 >> w);
                        d1 += (x0 * y1) + (c1 & mask);
                        x1 = (d1 * m0Inv) & mask;
                        u[s + 1] = x1;
                        d1 += x1 * y0;
                        c2 += (c1 >> w) + (d1 >> w);
                        d2 += (x0 * y2) + (x1 * y1) + (c2 & mask);
                        x2 = (d2 * m0Inv) & mask;
                        u[s + 2] = x2;
                        d2 += x2 * y0;
                        c3 += (c2 >> w) + (d2 >> w);
                        d3 += (x0 * y3) + (x1 * y2) + (x2 * y1) + (c3 & mask);
                        x3 = (d3 * m0Inv) & mask;
                        u[s + 3] = x3;
                        d3 += x3 * y0;
                        carry = (c3 >> w) + (d3 >> w);
                    }
                    else
                    {
                        i = s - k;
                        c0 += carry;
                        d0 += c0 & mask;
                        r[i] = d0 & mask;
                        c1 += (c0 >> w) + (d0 >> w);
                        d1 += c1 & mask;
                        r[i + 1] = d1 & mask;
                        c2 += (c1 >> w) + (d1 >> w);
                        d2 += c2 & mask;
                        r[i + 2] = d2 & mask;
                        c3 += (c2 >> w) + (d2 >> w);
                        d3 += c3 & mask;
                        r[i + 3] = d3 & mask;
                        carry = (c3 >> w) + (d3 >> w);
                    }

                    s += 4;
                    continue;
                }

                acc1 = 0;
                acc2 = carry;
                if (s < k)
                {
                    i = 0;
                    j = s;
                    end = (s + 1) >> 1;
                    end4 = end & ~3;
                }
                else
                {
                    i = s - k + 1;
                    j = k - 1;
                    end = (last - s) >> 1;
                    end4 = i + (end & ~3);
                    end += i;
                }

                // A single column: cross products a[i]*a[j] (i < j) into acc1, reduction terms into acc2.
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

                end = s < k ? s : k;
                end4 = i + ((end - i) & ~3);
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
                if (s < k)
                {
                    ulong m = (acc2 * m0Inv) & mask;
                    u[s] = m;
                    acc2 += m * n[0];
                }
                else
                {
                    r[s - k] = acc2 & mask;
                }

                carry = (acc1 >> w) + (acc2 >> w);
                s++;
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
            WipeScratch();
        }

        /// <summary>Clears the scratch limbs, which hold intermediates of the last operation (values derived from a secret prime and the message).</summary>
        internal void WipeScratch()
        {
            Limbs.Wipe(_u);
            Limbs.Wipe(_t);
        }

        /// <summary>The two scratch arrays (for tests that check they are cleared).</summary>
        internal ulong[][] ScratchBuffers()
        {
            return new ulong[][] { _u, _t };
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
