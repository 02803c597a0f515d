namespace DeviceAuth.Lifetime
{
    /// <summary>
    /// A monotonic millisecond counter: it only moves forward, at the rate of real time, whatever
    /// happens to the wall clock (SNTP setting the time at boot, a manual correction, a jump back).
    /// Every deadline of the session lifetime core is expressed on this counter; the wall clock
    /// (<see cref="IClock"/>) is consulted only to judge token validity. On the device the sessions use
    /// <c>Environment.TickCount64</c> (nanoFramework.Runtime.Native); tests pass a virtual one.
    /// </summary>
    public interface ITickSource
    {
        /// <summary>Milliseconds elapsed since an arbitrary, fixed origin (for example boot).</summary>
        long ElapsedMilliseconds { get; }
    }
}
