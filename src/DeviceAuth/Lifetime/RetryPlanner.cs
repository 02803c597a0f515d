using System;

namespace DeviceAuth.Lifetime
{
    /// <summary>
    /// Decides when the next connection attempt may happen after a failure, on the monotonic clock.
    /// Transient failures follow <see cref="LifetimeOptions.TransientBackoff"/>. An authorization
    /// refusal first asks for renewed credentials and a short (transient, first-failure) delay;
    /// a refusal of renewed credentials follows the longer <see cref="LifetimeOptions.RefusalBackoff"/>;
    /// a throttling answer follows <see cref="LifetimeOptions.ThrottledBackoff"/>.
    /// Every attempt also passes an <see cref="AttemptLimiter"/> (at most
    /// <see cref="LifetimeOptions.MaxAttemptsPerMinute"/> per 60 s). Not thread-safe: the owner locks.
    /// </summary>
    public sealed class RetryPlanner
    {
        private readonly LifetimeOptions _options;
        private readonly IRandomSource _random;
        private readonly AttemptLimiter _limiter;
        private int _transientFailures;
        private int _refusals;
        private int _throttles;
        private bool _renewBeforeNextAttempt;
        private long _connectedAtMs;
        private bool _connected;

        /// <summary>Creates a planner.</summary>
        /// <param name="options">The lifetime options.</param>
        /// <param name="random">Randomness for the jitter.</param>
        public RetryPlanner(LifetimeOptions options, IRandomSource random)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            _options = options;
            _random = random;
            _limiter = new AttemptLimiter(options.MaxAttemptsPerMinute, 60000);
        }

        /// <summary>Consecutive failures (transient, refusals and throttling) since the last stable connection.</summary>
        public int ConsecutiveFailures
        {
            get { return _transientFailures + _refusals + _throttles; }
        }

        /// <summary>Consecutive authorization refusals since the last stable connection.</summary>
        public int ConsecutiveRefusals
        {
            get { return _refusals; }
        }

        /// <summary>True when the next attempt must use renewed credentials (after the first refusal of a streak).</summary>
        public bool RenewBeforeNextAttempt
        {
            get { return _renewBeforeNextAttempt; }
        }

        /// <summary>The attempt cap shared by all attempts of the owner.</summary>
        public AttemptLimiter Limiter
        {
            get { return _limiter; }
        }

        /// <summary>The earliest instant at which an attempt wanted at <paramref name="desiredMs"/> may happen.</summary>
        /// <param name="desiredMs">Monotonic milliseconds.</param>
        public long EarliestAttemptAt(long desiredMs)
        {
            return _limiter.EarliestAttemptAt(desiredMs);
        }

        /// <summary>Records that an attempt starts now (counts against the cap; consumes a pending renewal request).</summary>
        /// <param name="nowMs">Monotonic milliseconds.</param>
        public void RecordAttempt(long nowMs)
        {
            _limiter.RecordAttempt(nowMs);
            _renewBeforeNextAttempt = false;
        }

        /// <summary>Records a failed attempt and returns when the next attempt may happen.</summary>
        /// <param name="kind">Why it failed.</param>
        /// <param name="nowMs">Monotonic milliseconds.</param>
        /// <returns>The monotonic instant of the next attempt.</returns>
        public long OnFailure(FailureKind kind, long nowMs)
        {
            _connected = false;
            int delay;
            if (kind == FailureKind.AuthorizationRefused)
            {
                _refusals++;

                // Renew once per streak: a refusal of renewed credentials is not cured by renewing again.
                _renewBeforeNextAttempt = _refusals == 1;
                delay = _refusals == 1
                    ? _options.TransientBackoff.DelayMilliseconds(1, _random)
                    : _options.RefusalBackoff.DelayMilliseconds(_refusals - 1, _random);
            }
            else if (kind == FailureKind.Throttled)
            {
                _throttles++;
                delay = _options.ThrottledBackoff.DelayMilliseconds(_throttles, _random);
            }
            else
            {
                _transientFailures++;
                delay = _options.TransientBackoff.DelayMilliseconds(_transientFailures, _random);
            }

            return _limiter.EarliestAttemptAt(nowMs + delay);
        }

        /// <summary>Records that a connection was established.</summary>
        /// <param name="nowMs">Monotonic milliseconds.</param>
        public void OnConnected(long nowMs)
        {
            _connected = true;
            _connectedAtMs = nowMs;
        }

        /// <summary>
        /// Records that an established connection was lost without being asked to, and returns when
        /// to attempt again. A connection that had lasted <see cref="LifetimeOptions.StableConnectionSeconds"/>
        /// ends the failure streak first; a shorter one continues it (so connect, drop, connect cycles back off).
        /// </summary>
        /// <param name="nowMs">Monotonic milliseconds.</param>
        /// <returns>The monotonic instant of the next attempt.</returns>
        public long OnConnectionLost(long nowMs)
        {
            return OnConnectionLost(FailureKind.Transient, nowMs);
        }

        /// <summary>
        /// Records that an established connection was ended by the service for a reason of <paramref name="kind"/>
        /// (an MQTT 5 DISCONNECT reason code, for example), and returns when to attempt again. The streak
        /// rule of <see cref="OnConnectionLost(long)"/> applies.
        /// </summary>
        /// <param name="kind">Why the service ended it.</param>
        /// <param name="nowMs">Monotonic milliseconds.</param>
        /// <returns>The monotonic instant of the next attempt.</returns>
        public long OnConnectionLost(FailureKind kind, long nowMs)
        {
            EndStreakIfStable(nowMs);
            return OnFailure(kind, nowMs);
        }

        /// <summary>
        /// Records that the service ended a connection at its planned limit (MQTT 5 DISCONNECT 0xA0, maximum
        /// connect time): not a failure when the connection was stable, and the next attempt is spread
        /// uniformly over the first <see cref="LifetimeOptions.TransientBackoff"/> window (0 to its base), so a
        /// fleet cut in the same second does not reconnect in the same second. A cut of a connection shorter
        /// than <see cref="LifetimeOptions.StableConnectionSeconds"/> is a transient failure.
        /// </summary>
        /// <param name="nowMs">Monotonic milliseconds.</param>
        /// <returns>The monotonic instant of the next attempt.</returns>
        public long OnServiceEndedConnection(long nowMs)
        {
            if (!IsStable(nowMs))
            {
                return OnFailure(FailureKind.Transient, nowMs);
            }

            EndStreakIfStable(nowMs);
            _connected = false;
            int spread = _options.TransientBackoff.BaseDelayMilliseconds;
            return _limiter.EarliestAttemptAt(nowMs + _random.Next(spread + 1));
        }

        /// <summary>Records a planned, orderly end of a connection (proactive reconnect): the streak ends if the connection was stable.</summary>
        /// <param name="nowMs">Monotonic milliseconds.</param>
        public void OnPlannedDisconnect(long nowMs)
        {
            EndStreakIfStable(nowMs);
            _connected = false;
        }

        private bool IsStable(long nowMs)
        {
            return _connected && nowMs - _connectedAtMs >= (long)_options.StableConnectionSeconds * 1000;
        }

        private void EndStreakIfStable(long nowMs)
        {
            if (IsStable(nowMs))
            {
                _transientFailures = 0;
                _refusals = 0;
                _throttles = 0;
            }
        }
    }
}
