using System;
using System.Threading;

namespace DeviceAuth.Mqtt
{
    /// <summary>
    /// Runs an <see cref="MqttSession"/> on the device: one one-shot <see cref="Timer"/> re-armed with
    /// the wait <see cref="MqttSession.Tick"/> returns, and woken at once by every status report
    /// (a connection lost on the transport's thread, for example). Ticks never overlap. This is the
    /// only place where real time passes; tests drive the session directly on a virtual clock.
    /// </summary>
    public sealed class MqttSessionDriver : IDisposable
    {
        private readonly object _gate = new object();
        private readonly MqttSession _session;
        private readonly MqttSessionStatusHandler _onStatus;
        private Timer _timer;
        private bool _running;
        private bool _wake;
        private bool _disposed;

        /// <summary>Creates a driver for <paramref name="session"/>.</summary>
        /// <param name="session">The session to drive.</param>
        public MqttSessionDriver(MqttSession session)
        {
            if (session == null)
            {
                throw new ArgumentNullException("session");
            }

            _session = session;
            _onStatus = new MqttSessionStatusHandler(OnStatus);
        }

        /// <summary>Starts the session and its timer.</summary>
        public void Start()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    throw new ObjectDisposedException("MqttSessionDriver");
                }

                if (_timer != null)
                {
                    return;
                }

                _session.StatusChanged += _onStatus;
                _session.Start();
                _timer = new Timer(new TimerCallback(OnTimer), null, 0, Timeout.Infinite);
            }
        }

        /// <summary>Requests a tick as soon as possible.</summary>
        public void Wake()
        {
            lock (_gate)
            {
                _wake = true;
                if (_running || _timer == null || _disposed)
                {
                    return;
                }

                _timer.Change(0, Timeout.Infinite);
            }
        }

        /// <summary>Stops the session and the timer.</summary>
        public void Dispose()
        {
            Timer timer;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                timer = _timer;
                _timer = null;
            }

            if (timer != null)
            {
                timer.Dispose();
            }

            _session.StatusChanged -= _onStatus;
            _session.Stop();
        }

        private void OnStatus(MqttSession sender, MqttSessionStatus status)
        {
            Wake();
        }

        private void OnTimer(object state)
        {
            lock (_gate)
            {
                if (_running || _disposed)
                {
                    _wake = true;
                    return;
                }

                _running = true;
            }

            while (true)
            {
                lock (_gate)
                {
                    _wake = false;
                }

                int wait;
                try
                {
                    wait = _session.Tick();
                }
                catch (Exception)
                {
                    // Tick handles its own failures; this is a last resort so the timer keeps running.
                    wait = 1000;
                }

                lock (_gate)
                {
                    if (_wake && !_disposed)
                    {
                        continue;
                    }

                    _running = false;
                    if (!_disposed && _timer != null)
                    {
                        _timer.Change(wait < 0 ? Timeout.Infinite : wait, Timeout.Infinite);
                    }

                    return;
                }
            }
        }
    }
}
