using System;
using System.Diagnostics;
using DeviceAuth.Crypto;

namespace DeviceAuth.Samples
{
    /// <summary>
    /// Prints how long each signature takes on this board ("signed in N ms"): the number to put in
    /// the board profile and in ExpectedSigningSeconds. Prints no key, data or signature.
    /// </summary>
    internal sealed class TimedSigner : ISigner
    {
        private readonly ISigner _inner;
        private readonly string _label;

        internal TimedSigner(ISigner inner, string label)
        {
            _inner = inner;
            _label = label;
        }

        /// <inheritdoc />
        public string JwsAlgorithm
        {
            get { return _inner.JwsAlgorithm; }
        }

        /// <inheritdoc />
        public byte[] Sign(byte[] data, int offset, int count)
        {
            long start = Environment.TickCount64;
            byte[] signature = _inner.Sign(data, offset, count);
            Debug.WriteLine(_label + " signed in " + (Environment.TickCount64 - start).ToString() + " ms, free heap " + DeviceStartup.FreeHeap().ToString() + " bytes");
            return signature;
        }
    }
}
