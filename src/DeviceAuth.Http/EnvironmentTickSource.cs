using System;
using DeviceAuth.Lifetime;

namespace DeviceAuth.Http
{
    /// <summary><see cref="ITickSource"/> over <see cref="Environment.TickCount64"/> (nanoFramework.Runtime.Native on the device): milliseconds since boot, unaffected by the wall clock.</summary>
    internal sealed class EnvironmentTickSource : ITickSource
    {
        internal static readonly EnvironmentTickSource Instance = new EnvironmentTickSource();

        public long ElapsedMilliseconds
        {
            get { return Environment.TickCount64; }
        }
    }
}
