using System;

namespace DeviceAuth.Lifetime
{
    /// <summary>
    /// <see cref="ITickSource"/> over <see cref="Environment.TickCount64"/> (milliseconds since
    /// boot on the device, since system start on .NET); unaffected by changes of the wall clock.
    /// </summary>
    public sealed class SystemTickSource : ITickSource
    {
        /// <summary>The shared instance.</summary>
        public static readonly SystemTickSource Instance = new SystemTickSource();

        /// <inheritdoc />
        public long ElapsedMilliseconds
        {
            get { return Environment.TickCount64; }
        }
    }
}
