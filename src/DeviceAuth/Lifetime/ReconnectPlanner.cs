using System;

namespace DeviceAuth.Lifetime
{
    /// <summary>
    /// Plans one connection's life on the monotonic clock: when the service would end it, when the
    /// device reconnects proactively (jittered), and when the next credentials are prepared so that
    /// signing never delays the reconnect. Pure: inputs in, instants out.
    /// </summary>
    /// <remarks>
    /// The service cuts a connection <c>disconnectAfterInSeconds</c> after it opened, and re-judges
    /// the credentials presented at connect every <c>refreshAfterInSeconds</c>; the first refresh at
    /// which the token is expired (clock skew included) ends the connection too. The end is the
    /// earlier of the two. A planned reconnect happens at a uniformly random instant of the last
    /// <see cref="LifetimeOptions.ReconnectJitterSeconds"/> before end - <see cref="LifetimeOptions.ReconnectMarginSeconds"/>;
    /// an unplanned connection (first one, or after a failure) with
    /// <see cref="LifetimeOptions.SpreadUnplannedConnections"/> reconnects after a uniform fraction of
    /// such a planned life (the stationary delay of the renewal process), so a fleet that connected
    /// together reconnects at a constant rate from the first cycle on.
    /// </remarks>
    public sealed class ReconnectPlanner
    {
        /// <summary>Shortest planned connection life, in milliseconds: never plan a reconnect sooner than this after connecting.</summary>
        public const long MinimumConnectionMilliseconds = 30000;

        private readonly LifetimeOptions _options;

        /// <summary>Creates a planner.</summary>
        /// <param name="options">The lifetime options (validated here).</param>
        public ReconnectPlanner(LifetimeOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            options.Validate();
            _options = options;
        }

        /// <summary>
        /// The instant, relative to the connect, at which the service will end the connection:
        /// min(disconnectAfter, first refresh at which the token is expired).
        /// </summary>
        /// <param name="tokenRemainingMs">Validity left on the token at connect, in ms (long.MaxValue: no expiry).</param>
        /// <returns>Milliseconds after the connect.</returns>
        public long ServiceEndAfterMs(long tokenRemainingMs)
        {
            long cut = (long)_options.DisconnectAfterInSeconds * 1000;
            if (tokenRemainingMs == long.MaxValue)
            {
                return cut;
            }

            long validity = tokenRemainingMs - (long)_options.ClockSkewSeconds * 1000;
            if (validity < 0)
            {
                validity = 0;
            }

            long refresh = (long)_options.RefreshAfterInSeconds * 1000;

            // Refreshes happen at k * refresh (k >= 1); the first with k * refresh >= validity finds the token expired.
            long k = (validity + refresh - 1) / refresh;
            if (k < 1)
            {
                k = 1;
            }

            long firstFailingRefresh = k * refresh;
            return firstFailingRefresh < cut ? firstFailingRefresh : cut;
        }

        /// <summary>Plans the proactive reconnect of a connection made at <paramref name="connectedAtMs"/>.</summary>
        /// <param name="connectedAtMs">Monotonic instant of the CONNACK.</param>
        /// <param name="tokenRemainingMs">Validity left on the presented token at connect, in ms (long.MaxValue: no expiry).</param>
        /// <param name="planned">True when this connection replaced one proactively (keeps the fleet's phase); false for a first connection or after a failure.</param>
        /// <param name="random">Randomness for the jitter.</param>
        /// <returns>The monotonic instant at which to reconnect.</returns>
        public long PlanReconnectAt(long connectedAtMs, long tokenRemainingMs, bool planned, IRandomSource random)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            long life = ServiceEndAfterMs(tokenRemainingMs) - (long)_options.ReconnectMarginSeconds * 1000;
            if (life < MinimumConnectionMilliseconds)
            {
                life = MinimumConnectionMilliseconds;
            }

            // A planned connection ends at a uniformly random instant of the jitter window.
            long earliest = life - (long)_options.ReconnectJitterSeconds * 1000;
            if (earliest < life / 2)
            {
                earliest = life / 2;
            }

            long offset = earliest + Draw(life - earliest, random);
            if (!planned && _options.SpreadUnplannedConnections)
            {
                // An unplanned connection ends at a uniform fraction of a planned life: the equilibrium
                // (stationary) delay of the renewal process the planned reconnects form, so a fleet that
                // connected together reconnects at a constant rate from the first cycle on.
                offset = MinimumConnectionMilliseconds + Draw(offset - MinimumConnectionMilliseconds, random);
            }

            return connectedAtMs + offset;
        }

        private static long Draw(long span, IRandomSource random)
        {
            if (span <= 0)
            {
                return 0;
            }

            return span >= int.MaxValue ? random.Next(int.MaxValue) : random.Next((int)span + 1);
        }

        /// <summary>When to prepare the credentials for a reconnect planned at <paramref name="reconnectAtMs"/>: twice the expected signing time ahead, not before the connect.</summary>
        /// <param name="connectedAtMs">Monotonic instant of the connect.</param>
        /// <param name="reconnectAtMs">Monotonic instant of the planned reconnect.</param>
        public long PrepareCredentialsAt(long connectedAtMs, long reconnectAtMs)
        {
            long at = reconnectAtMs - 2L * _options.ExpectedSigningSeconds * 1000;
            return at < connectedAtMs ? connectedAtMs : at;
        }

        /// <summary>Seconds of validity a token prepared at <paramref name="nowMs"/> must have for a reconnect at <paramref name="reconnectAtMs"/>.</summary>
        /// <param name="nowMs">Monotonic now.</param>
        /// <param name="reconnectAtMs">Monotonic instant of the planned reconnect.</param>
        public int ValidityNeededForReconnect(long nowMs, long reconnectAtMs)
        {
            long ahead = reconnectAtMs - nowMs;
            if (ahead < 0)
            {
                ahead = 0;
            }

            long seconds = (ahead + 999) / 1000 + _options.MinimumConnectValiditySeconds;
            return seconds > int.MaxValue ? int.MaxValue : (int)seconds;
        }
    }
}
