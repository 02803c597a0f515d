using System;

namespace DeviceAuth.Lifetime
{
    /// <summary>
    /// <see cref="ITickSource"/> over <see cref="Environment.TickCount64"/> (nanoFramework.Runtime.Native on the device): milliseconds since boot, unaffected by the wall clock.
    /// One file compiled into DeviceAuth.Http and DeviceAuth.Mqtt (both .projitems list it): the core
    /// DeviceAuth assembly does not reference nanoFramework.Runtime.Native.
    /// </summary>
    internal sealed class EnvironmentTickSource : ITickSource
    {
        internal static readonly EnvironmentTickSource Instance = new EnvironmentTickSource();

        public long ElapsedMilliseconds
        {
            get { return Environment.TickCount64; }
        }
    }
}
