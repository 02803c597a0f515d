using System;
using DeviceAuth.Crypto;
using DeviceAuth.Tokens;

namespace DeviceAuth.Tests.Tokens
{
    /// <summary>A virtual clock: reads what the test sets, never the wall clock.</summary>
    public sealed class ManualClock : IClock
    {
        private DateTime _now;

        public ManualClock(long unixSeconds)
        {
            _now = UnixTime.FromSeconds(unixSeconds);
        }

        public ManualClock(DateTime now)
        {
            _now = now;
        }

        public DateTime UtcNow
        {
            get { return _now; }
        }

        public void Set(DateTime now)
        {
            _now = now;
        }

        public void AdvanceSeconds(long seconds)
        {
            _now = _now.AddTicks(seconds * TimeSpan.TicksPerSecond);
        }

        public void AdvanceTicks(long ticks)
        {
            _now = _now.AddTicks(ticks);
        }
    }

    /// <summary>Deterministic "randomness": bytes 0, 1, 2, ... continuing across calls.</summary>
    public sealed class CountingRandom : IRandomSource
    {
        private int _next;

        public int Next(int maxExclusive)
        {
            return (_next++) % maxExclusive;
        }

        public void NextBytes(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)(_next++);
            }
        }
    }

    /// <summary>
    /// A deterministic stand-in signer (not cryptography): output depends on every input byte and on
    /// the key, so tests can recompute the expected signature and see tampering. Counts its calls.
    /// </summary>
    public sealed class FakeSigner : ISigner
    {
        private readonly string _alg;
        private readonly int _length;
        private readonly byte _key;

        public FakeSigner(string alg, int length, byte key)
        {
            _alg = alg;
            _length = length;
            _key = key;
        }

        /// <summary>An "RS256" signer with a 2048-bit-sized output.</summary>
        public static FakeSigner Rs256()
        {
            return new FakeSigner("RS256", 256, 7);
        }

        /// <summary>An "HS256" signer (32-byte output) keyed with <paramref name="key"/>.</summary>
        public static FakeSigner Hs256(byte key)
        {
            return new FakeSigner("HS256", 32, key);
        }

        public int Calls { get; private set; }

        public string JwsAlgorithm
        {
            get { return _alg; }
        }

        public byte[] Sign(byte[] data, int offset, int count)
        {
            Calls++;
            return Compute(data, offset, count, _length, _key);
        }

        public static byte[] Compute(byte[] data, int offset, int count, int length, byte key)
        {
            byte[] result = new byte[length];
            uint h = 2166136261u ^ key;
            for (int i = 0; i < count; i++)
            {
                h = (h ^ data[offset + i]) * 16777619u;
            }

            for (int i = 0; i < length; i++)
            {
                h = (h ^ (uint)i) * 16777619u;
                result[i] = (byte)(h >> 11);
            }

            return result;
        }
    }
}
