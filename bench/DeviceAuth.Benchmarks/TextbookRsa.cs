using System;

namespace DeviceAuth.Benchmarks;

/// <summary>
/// A straightforward reference for the device cost model, not used for signing: the two CRT
/// exponentiations done the textbook way (CIOS Montgomery multiplication on 32-bit limbs with
/// ulong products, the same routine for squaring, a conditional final subtraction, the same
/// 5-bit fixed windows). Its IL count is compared with DeviceAuth's to estimate what the
/// design choices save on an interpreter.
/// </summary>
public sealed class TextbookRsa
{
    private readonly int k;
    private readonly uint[] n;
    private readonly uint n0;
    private readonly uint[] t;
    private readonly uint[] one;
    private readonly uint[] r2;
    private readonly uint[][] table = new uint[32][];

    /// <summary>Prepares Montgomery constants for the odd modulus (big-endian bytes).</summary>
    public TextbookRsa(byte[] modulus)
    {
        k = (modulus.Length + 3) / 4;
        n = Load(modulus, k);
        uint inv = n[0];
        for (int i = 0; i < 4; i++)
        {
            inv *= 2 - (n[0] * inv);
        }

        n0 = 0 - inv;
        t = new uint[k + 2];
        var big = new System.Numerics.BigInteger(modulus, isUnsigned: true, isBigEndian: true);
        System.Numerics.BigInteger r = System.Numerics.BigInteger.One << (32 * k);
        one = Load((r % big).ToByteArray(isUnsigned: true, isBigEndian: true), k);
        r2 = Load((r * r % big).ToByteArray(isUnsigned: true, isBigEndian: true), k);
        for (int i = 0; i < 32; i++)
        {
            table[i] = new uint[k];
        }
    }

    /// <summary>x^e mod n for x &lt; n, with fixed 5-bit windows over <paramref name="bits"/> exponent bits.</summary>
    public uint[] Power(byte[] x, byte[] exponent, int bits)
    {
        uint[] b = Load(x, k);
        uint[] e = Load(exponent, (bits + 31) / 32 + 1);
        MonMul(b, r2, table[1]);
        Array.Copy(one, table[0], k);
        for (int i = 2; i < 32; i++)
        {
            MonMul(table[i - 1], table[1], table[i]);
        }

        uint[] acc = new uint[k];
        int pos = ((bits + 4) / 5 - 1) * 5;
        Array.Copy(table[Window(e, pos)], acc, k);
        while (pos > 0)
        {
            pos -= 5;
            for (int s = 0; s < 5; s++)
            {
                MonMul(acc, acc, acc);
            }

            MonMul(acc, table[Window(e, pos)], acc);
        }

        uint[] plainOne = new uint[k];
        plainOne[0] = 1;
        MonMul(acc, plainOne, acc);
        return acc;
    }

    /// <summary>The limbs as big-endian bytes.</summary>
    public static byte[] ToBytes(uint[] value, int length)
    {
        byte[] result = new byte[length];
        for (int i = 0; i < length; i++)
        {
            int limb = i / 4;
            result[length - 1 - i] = limb < value.Length ? (byte)(value[limb] >> (8 * (i % 4))) : (byte)0;
        }

        return result;
    }

    // CIOS (Koc, Acar, Kaliski 1996).
    private void MonMul(uint[] a, uint[] b, uint[] r)
    {
        // Fields in locals, as any careful implementation does.
        uint[] t = this.t;
        uint[] n = this.n;
        int k = this.k;
        uint n0 = this.n0;
        Array.Clear(t, 0, k + 2);
        for (int i = 0; i < k; i++)
        {
            ulong c = 0;
            ulong ai = a[i];
            for (int j = 0; j < k; j++)
            {
                c = t[j] + (ai * b[j]) + c;
                t[j] = (uint)c;
                c >>= 32;
            }

            c += t[k];
            t[k] = (uint)c;
            t[k + 1] = (uint)(c >> 32);
            ulong m = t[0] * n0;
            c = (t[0] + (m * n[0])) >> 32;
            for (int j = 1; j < k; j++)
            {
                c = t[j] + (m * n[j]) + c;
                t[j - 1] = (uint)c;
                c >>= 32;
            }

            c += t[k];
            t[k - 1] = (uint)c;
            t[k] = t[k + 1] + (uint)(c >> 32);
        }

        // Final subtraction when t >= n.
        bool subtract = t[k] != 0;
        if (!subtract)
        {
            subtract = true;
            for (int i = k - 1; i >= 0; i--)
            {
                if (t[i] != n[i])
                {
                    subtract = t[i] > n[i];
                    break;
                }
            }
        }

        if (subtract)
        {
            long borrow = 0;
            for (int i = 0; i < k; i++)
            {
                long d = (long)t[i] - n[i] - borrow;
                r[i] = (uint)d;
                borrow = d < 0 ? 1 : 0;
            }
        }
        else
        {
            Array.Copy(t, r, k);
        }
    }

    private static int Window(uint[] e, int pos)
    {
        int limb = pos >> 5;
        int shift = pos & 31;
        ulong v = e[limb] >> shift;
        if (shift > 27)
        {
            v |= (ulong)e[limb + 1] << (32 - shift);
        }

        return (int)(v & 31);
    }

    private static uint[] Load(byte[] bigEndian, int count)
    {
        uint[] r = new uint[count];
        for (int i = 0; i < bigEndian.Length && i / 4 < count; i++)
        {
            r[i / 4] |= (uint)bigEndian[bigEndian.Length - 1 - i] << (8 * (i % 4));
        }

        return r;
    }
}
