using System;

namespace DeviceAuth.Lifetime
{
    /// <summary>
    /// What governs a device session's lifetime: the authorizer's <c>refreshAfterInSeconds</c> and
    /// <c>disconnectAfterInSeconds</c> (both 300-86400, validated here), the margins the device keeps
    /// (clock skew, expected signing time, reconnect margin and jitter) and the retry policies.
    /// Settable properties validate their value; <see cref="Validate"/> checks that they fit together.
    /// </summary>
    public sealed class LifetimeOptions
    {
        /// <summary>Smallest refresh/disconnect window the services accept, in seconds.</summary>
        public const int MinimumWindowSeconds = 300;

        /// <summary>Largest refresh/disconnect window the services accept, in seconds.</summary>
        public const int MaximumWindowSeconds = 86400;

        private int _clockSkewSeconds = 60;
        private int _expectedSigningSeconds = 15;
        private int _reconnectMarginSeconds = 60;
        private int _reconnectJitterSeconds;
        private int _maxAttemptsPerMinute = 6;
        private int _stableConnectionSeconds = 120;
        private BackoffPolicy _transientBackoff = new BackoffPolicy(1000, 30000, 300000);
        private BackoffPolicy _refusalBackoff = new BackoffPolicy(30000, 120000, 3600000);
        private BackoffPolicy _throttledBackoff = new BackoffPolicy(30000, 120000, 600000);

        /// <summary>Creates options for an authorizer's windows.</summary>
        /// <param name="refreshAfterInSeconds">The authorizer's refreshAfterInSeconds, 300-86400.</param>
        /// <param name="disconnectAfterInSeconds">The authorizer's disconnectAfterInSeconds, 300-86400.</param>
        public LifetimeOptions(int refreshAfterInSeconds, int disconnectAfterInSeconds)
        {
            if (refreshAfterInSeconds < MinimumWindowSeconds || refreshAfterInSeconds > MaximumWindowSeconds)
            {
                throw new ArgumentOutOfRangeException("refreshAfterInSeconds", "refreshAfterInSeconds must be between 300 and 86400.");
            }

            if (disconnectAfterInSeconds < MinimumWindowSeconds || disconnectAfterInSeconds > MaximumWindowSeconds)
            {
                throw new ArgumentOutOfRangeException("disconnectAfterInSeconds", "disconnectAfterInSeconds must be between 300 and 86400.");
            }

            RefreshAfterInSeconds = refreshAfterInSeconds;
            DisconnectAfterInSeconds = disconnectAfterInSeconds;

            // Default jitter: the last hour before the cut, or a quarter of a short window.
            _reconnectJitterSeconds = disconnectAfterInSeconds / 4 < 3600 ? disconnectAfterInSeconds / 4 : 3600;
        }

        /// <summary>After this many seconds the service re-judges the credentials presented at connect.</summary>
        public int RefreshAfterInSeconds { get; }

        /// <summary>After this many seconds the service cuts the connection.</summary>
        public int DisconnectAfterInSeconds { get; }

        /// <summary>How far the device clock may be off the service's, in seconds (0-3600; default 60). Tokens are treated as expiring this much earlier.</summary>
        public int ClockSkewSeconds
        {
            get { return _clockSkewSeconds; }
            set { _clockSkewSeconds = SettingRange.Check(value, 0, 3600, "ClockSkewSeconds"); }
        }

        /// <summary>How long minting a token may take on the device, in seconds (0-600; default 15: RSA-2048 signing in managed code on an ESP32). New credentials are prepared this much (twice, for variance) ahead of need.</summary>
        public int ExpectedSigningSeconds
        {
            get { return _expectedSigningSeconds; }
            set { _expectedSigningSeconds = SettingRange.Check(value, 0, 600, "ExpectedSigningSeconds"); }
        }

        /// <summary>The proactive reconnect happens at least this long before the service would cut the connection, in seconds (0-3600; default 60).</summary>
        public int ReconnectMarginSeconds
        {
            get { return _reconnectMarginSeconds; }
            set { _reconnectMarginSeconds = SettingRange.Check(value, 0, 3600, "ReconnectMarginSeconds"); }
        }

        /// <summary>Width of the random window, ending at the latest reconnect instant, in which a planned proactive reconnect happens, in seconds (0-43200; default min(3600, disconnectAfterInSeconds / 4)).</summary>
        public int ReconnectJitterSeconds
        {
            get { return _reconnectJitterSeconds; }
            set { _reconnectJitterSeconds = SettingRange.Check(value, 0, 43200, "ReconnectJitterSeconds"); }
        }

        /// <summary>
        /// When true (default) the first connection after a start or after a failure ends after a
        /// uniformly random fraction of a planned lifetime instead of in the jitter window, so a
        /// fleet that connected together (power restored, service outage over) spreads its later
        /// reconnects over the whole disconnect window. Costs at most one early reconnect.
        /// </summary>
        public bool SpreadUnplannedConnections { get; set; } = true;

        /// <summary>Hard cap on connection attempts in any 60-second window (1-60; default 6).</summary>
        public int MaxAttemptsPerMinute
        {
            get { return _maxAttemptsPerMinute; }
            set { _maxAttemptsPerMinute = SettingRange.Check(value, 1, 60, "MaxAttemptsPerMinute"); }
        }

        /// <summary>A connection that lasts less than this many seconds does not end a failure streak: connect, drop, connect cycles keep backing off (10-86400; default 120).</summary>
        public int StableConnectionSeconds
        {
            get { return _stableConnectionSeconds; }
            set { _stableConnectionSeconds = SettingRange.Check(value, 10, 86400, "StableConnectionSeconds"); }
        }

        /// <summary>Backoff after network failures, hang-ups and credential failures (default 1 s floor, 30 s base, 5 min cap: a fleet dropped at once retries its first attempt over 30 s).</summary>
        public BackoffPolicy TransientBackoff
        {
            get { return _transientBackoff; }
            set
            {
                if (value == null)
                {
                    throw new ArgumentNullException("value");
                }

                _transientBackoff = value;
            }
        }

        /// <summary>Backoff after the service refused credentials that were already renewed once (default 30 s floor, 2 min base, 1 h cap).</summary>
        public BackoffPolicy RefusalBackoff
        {
            get { return _refusalBackoff; }
            set
            {
                if (value == null)
                {
                    throw new ArgumentNullException("value");
                }

                _refusalBackoff = value;
            }
        }

        /// <summary>
        /// Backoff after the service said it is busy, unavailable or throttling, or that another client took
        /// the session over (<see cref="FailureKind.Throttled"/>; default 30 s floor, 2 min base, 10 min cap:
        /// a fleet refused together spreads its first retry over 30-120 s).
        /// </summary>
        public BackoffPolicy ThrottledBackoff
        {
            get { return _throttledBackoff; }
            set
            {
                if (value == null)
                {
                    throw new ArgumentNullException("value");
                }

                _throttledBackoff = value;
            }
        }

        /// <summary>Least token validity, in seconds, a token must have when it is presented at connect: clock skew + reconnect margin + 60 s.</summary>
        public int MinimumConnectValiditySeconds
        {
            get { return _clockSkewSeconds + _reconnectMarginSeconds + 60; }
        }

        /// <summary>Checks that the margins fit in the disconnect window: margin + jitter + twice the signing time must leave at least 60 s of connection.</summary>
        /// <exception cref="ArgumentException">They do not fit.</exception>
        public void Validate()
        {
            int needed = _reconnectMarginSeconds + _reconnectJitterSeconds + 2 * _expectedSigningSeconds + 60;
            if (needed > DisconnectAfterInSeconds)
            {
                throw new ArgumentException("ReconnectMarginSeconds + ReconnectJitterSeconds + 2 * ExpectedSigningSeconds + 60 must not exceed disconnectAfterInSeconds.");
            }
        }
    }
}
