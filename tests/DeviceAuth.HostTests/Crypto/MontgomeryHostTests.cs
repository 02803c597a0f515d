using System;
using System.Numerics;
using DeviceAuth.Crypto;
using Xunit;

namespace DeviceAuth.HostTests.Crypto
{
    /// <summary>
    /// The Montgomery routines against System.Numerics.BigInteger, including the worst case for the
    /// carry-free column accumulators (every limb at its maximum) and inputs up to 2M - 1.
    /// </summary>
    public class MontgomeryHostTests
    {
        public static TheoryData<int, bool> Moduli() => new()
        {
            { 1024, false }, { 1024, true }, { 1025, false }, { 1536, true }, { 1537, false },
            { 1798, false }, { 2048, true }, { 2048, false }, { 3072, false }, { 4096, true }, { 4098, false }, { 61, false },
        };

        [Theory]
        [MemberData(nameof(Moduli))]
        public void ProductsSquaresAndReductions_MatchBigInteger(int bits, bool allOnes)
        {
            var random = new Random(bits * 2 + (allOnes ? 1 : 0));
            BigInteger m = allOnes ? (BigInteger.One << bits) - 1 : RandomOdd(random, bits);
            int w = Montgomery.LimbBits(bits);
            int k = Montgomery.LimbCount(bits, w);
            var mont = new Montgomery(m.ToByteArray(isUnsigned: true, isBigEndian: true), w, k);
            BigInteger r = BigInteger.One << (w * k);
            BigInteger rInv = ModInverse(r % m, m);
            Assert.True(r >= 4 * m, "R >= 4M");
            Assert.Equal(r % m, ToBig(mont.One, w));
            Assert.Equal(r * r % m, ToBig(mont.R2, w));

            BigInteger twoM = 2 * m;
            BigInteger[] samples = { 0, 1, m - 1, m, m + 1, twoM - 1, RandomBelow(random, twoM), RandomBelow(random, twoM), RandomBelow(random, m) };
            ulong[] a = new ulong[k];
            ulong[] b = new ulong[k];
            ulong[] result = new ulong[k];
            foreach (BigInteger x in samples)
            {
                foreach (BigInteger y in samples)
                {
                    Load(x, a, w);
                    Load(y, b, w);
                    mont.Multiply(a, b, result);
                    BigInteger product = ToBig(result, w);
                    Assert.True(product < twoM);
                    Assert.Equal(x * y * rInv % m, product % m);

                    // In place, both ways.
                    mont.Multiply(a, b, a);
                    Assert.Equal(product, ToBig(a, w));
                }

                Load(x, a, w);
                mont.Square(a, result);
                BigInteger square = ToBig(result, w);
                Assert.True(square < twoM);
                Assert.Equal(x * x * rInv % m, square % m);
                mont.Square(a, a);
                Assert.Equal(square, ToBig(a, w));
                mont.Normalize(a);
                Assert.Equal(x * x * rInv % m, ToBig(a, w));
            }

            // Reduce: any x < R * M with up to 2K limbs.
            ulong[] wide = new ulong[2 * k];
            foreach (BigInteger x in new[] { BigInteger.Zero, r * m - 1, RandomBelow(random, r * m), RandomBelow(random, m * m) })
            {
                Load(x, wide, w);
                mont.Reduce(wide, 2 * k, result);
                BigInteger reduced = ToBig(result, w);
                Assert.True(reduced < twoM);
                Assert.Equal(x * rInv % m, reduced % m);
            }
        }

        // Every limb count the signer can use: 4..61 limbs of 29 bits and 62..150 of 28 bits (the
        // 28-bit range covers up to 4198-bit moduli; 4096-bit keys need 147), each with the largest
        // modulus the count allows (all ones, the worst case for the column accumulators) and a
        // random odd one, on the edge inputs 0, 1, M-1, 2M-2, 2M-1 and random values below 2M.
        [Theory]
        [InlineData(29, 4, 61)]
        [InlineData(28, 62, 150)]
        public void EveryLimbCount_EdgeInputs_MatchBigInteger(int w, int firstK, int lastK)
        {
            var random = new Random(w * 1000 + firstK);
            for (int k = firstK; k <= lastK; k++)
            {
                int bits = k * w - 2;
                Assert.Equal(k, Montgomery.LimbCount(bits, w));
                foreach (BigInteger m in new[] { (BigInteger.One << bits) - 1, RandomOdd(random, bits - random.Next(0, w)) })
                {
                    var mont = new Montgomery(m.ToByteArray(isUnsigned: true, isBigEndian: true), w, k);
                    BigInteger r = BigInteger.One << (w * k);
                    BigInteger rInv = ModInverse(r % m, m);
                    Assert.Equal(r % m, ToBig(mont.One, w));
                    Assert.Equal(r * r % m, ToBig(mont.R2, w));
                    BigInteger twoM = 2 * m;
                    BigInteger[] samples = { 0, 1, m - 1, twoM - 2, twoM - 1, RandomBelow(random, twoM), RandomBelow(random, twoM) };
                    ulong[] a = new ulong[k];
                    ulong[] b = new ulong[k];
                    ulong[] result = new ulong[k];
                    foreach (BigInteger x in samples)
                    {
                        foreach (BigInteger y in samples)
                        {
                            Load(x, a, w);
                            Load(y, b, w);
                            mont.Multiply(a, b, result);
                            BigInteger product = ToBig(result, w);
                            Assert.True(product < twoM, $"k={k}: product < 2M");
                            Assert.Equal(x * y * rInv % m, product % m);
                        }

                        Load(x, a, w);
                        mont.Square(a, result);
                        BigInteger square = ToBig(result, w);
                        Assert.True(square < twoM, $"k={k}: square < 2M");
                        Assert.Equal(x * x * rInv % m, square % m);
                        mont.Normalize(result);
                        Assert.Equal(x * x * rInv % m, ToBig(result, w));
                    }

                    ulong[] wide = new ulong[2 * k];
                    foreach (BigInteger x in new[] { r * m - 1, RandomBelow(random, r * m) })
                    {
                        Load(x, wide, w);
                        mont.Reduce(wide, 2 * k, result);
                        BigInteger reduced = ToBig(result, w);
                        Assert.True(reduced < twoM, $"k={k}: reduced < 2M");
                        Assert.Equal(x * rInv % m, reduced % m);
                    }
                }
            }
        }

        internal static BigInteger ModInverse(BigInteger a, BigInteger m)
        {
            BigInteger t = 0, newT = 1, r = m, newR = a % m;
            while (newR != 0)
            {
                BigInteger q = r / newR;
                (t, newT) = (newT, t - q * newT);
                (r, newR) = (newR, r - q * newR);
            }

            Assert.Equal(BigInteger.One, r);
            return t < 0 ? t + m : t;
        }

        internal static BigInteger ToBig(ulong[] limbs, int w)
        {
            BigInteger value = 0;
            for (int i = limbs.Length - 1; i >= 0; i--)
            {
                Assert.True(limbs[i] < (1UL << w), "limb within w bits");
                value = (value << w) + limbs[i];
            }

            return value;
        }

        internal static void Load(BigInteger value, ulong[] limbs, int w)
        {
            ulong mask = (1UL << w) - 1;
            for (int i = 0; i < limbs.Length; i++)
            {
                limbs[i] = (ulong)(value & mask);
                value >>= w;
            }

            Assert.Equal(BigInteger.Zero, value);
        }

        private static BigInteger RandomOdd(Random random, int bits)
        {
            byte[] bytes = new byte[(bits + 7) / 8 + 1];
            random.NextBytes(bytes);
            bytes[^1] = 0;
            BigInteger v = new BigInteger(bytes) & ((BigInteger.One << bits) - 1);
            return v | (BigInteger.One << (bits - 1)) | 1;
        }

        private static BigInteger RandomBelow(Random random, BigInteger bound)
        {
            byte[] bytes = bound.ToByteArray();
            random.NextBytes(bytes);
            bytes[^1] &= 0x7F;
            return new BigInteger(bytes) % bound;
        }
    }
}
