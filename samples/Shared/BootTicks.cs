using System;
using DeviceAuth.Lifetime;

namespace DeviceAuth.Samples
{
    /// <summary>Milliseconds since boot (Environment.TickCount64): the monotonic clock VendedTokenSource asks for.</summary>
    internal sealed class BootTicks : ITickSource
    {
        /// <inheritdoc />
        public long ElapsedMilliseconds
        {
            get { return Environment.TickCount64; }
        }
    }
}
