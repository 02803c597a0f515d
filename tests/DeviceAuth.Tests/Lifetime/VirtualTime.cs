using System;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Tests.Lifetime
{
    /// <summary>A virtual wall clock and monotonic clock: Advance moves both, JumpWall moves only the wall clock.</summary>
    public sealed class VirtualTime : IClock, ITickSource, ISleeper
    {
        private DateTime _wall;
        private long _ticks;

        public VirtualTime(DateTime startUtc, long startTicks)
        {
            _wall = startUtc;
            _ticks = startTicks;
        }

        public DateTime UtcNow
        {
            get { return _wall; }
        }

        public long ElapsedMilliseconds
        {
            get { return _ticks; }
        }

        public int SleepCalls;
        public long SleptMilliseconds;

        public void Advance(long milliseconds)
        {
            _ticks += milliseconds;
            _wall = _wall.AddTicks(milliseconds * TimeSpan.TicksPerMillisecond);
        }

        public void JumpWall(long milliseconds)
        {
            _wall = _wall.AddTicks(milliseconds * TimeSpan.TicksPerMillisecond);
        }

        public void Sleep(int milliseconds)
        {
            SleepCalls++;
            SleptMilliseconds += milliseconds;
            Advance(milliseconds);
        }
    }

    /// <summary>Randomness pinned to the bottom (0) or the top (maxExclusive - 1) of every range.</summary>
    public sealed class PinnedRandom : IRandomSource
    {
        private readonly bool _top;

        public PinnedRandom(bool top)
        {
            _top = top;
        }

        public int Next(int maxExclusive)
        {
            return _top ? maxExclusive - 1 : 0;
        }

        public void NextBytes(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = _top ? (byte)255 : (byte)0;
            }
        }
    }

    /// <summary>
    /// A token source that mints tokens valid for LifetimeSeconds from the virtual wall clock, caches
    /// like a real source (judging by the wall clock), can take SigningMilliseconds of virtual time and can fail.
    /// </summary>
    public sealed class ScriptedTokenSource : ITokenSource
    {
        private readonly VirtualTime _time;
        private AuthToken _current;

        public ScriptedTokenSource(VirtualTime time, int lifetimeSeconds)
        {
            _time = time;
            LifetimeSeconds = lifetimeSeconds;
        }

        public int LifetimeSeconds;
        public int SigningMilliseconds;
        public bool Fail;
        public int Mints;
        public int Renewals;

        public AuthToken Current
        {
            get { return _current; }
        }

        public AuthToken GetToken(int minValiditySeconds)
        {
            if (_current != null && _current.SecondsRemaining(_time.UtcNow) >= minValiditySeconds)
            {
                return _current;
            }

            return Mint();
        }

        public AuthToken Renew()
        {
            Renewals++;
            return Mint();
        }

        private AuthToken Mint()
        {
            _time.Advance(SigningMilliseconds);
            if (Fail)
            {
                throw new InvalidOperationException("signer failed");
            }

            Mints++;
            DateTime now = _time.UtcNow;
            _current = new AuthToken("token-" + Mints.ToString(), "c2lnLQ==", now, now.AddSeconds(LifetimeSeconds));
            return _current;
        }
    }
}
