using System;
using DeviceAuth.Crypto;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// Mints HMAC tokens (<see cref="HmacToken"/>) for AWS IoT authorizers with signingDisabled: the
    /// tokens carry no tokenSignature; the authorizer Lambda verifies them with the device's secret
    /// (<see cref="HmacToken.Verify(string, ISigner, DateTime, int, int)"/>).
    /// </summary>
    public sealed class HmacTokenSource : MintingTokenSource
    {
        private readonly string _deviceId;
        private readonly ISigner _mac;
        private readonly IRandomSource _random;

        /// <summary>Creates the source.</summary>
        /// <param name="deviceId">The device id carried in the token: 1-128 characters of <c>[A-Za-z0-9:_-]</c>.</param>
        /// <param name="mac">An HS256 signer keyed with the device's secret.</param>
        /// <param name="clock">The clock.</param>
        /// <param name="random">Randomness for the nonce.</param>
        /// <param name="lifetimeSeconds">Lifetime of each token, in seconds.</param>
        public HmacTokenSource(string deviceId, ISigner mac, IClock clock, IRandomSource random, int lifetimeSeconds)
            : base(clock, lifetimeSeconds)
        {
            if (!CompactClaims.IsValidDeviceId(deviceId))
            {
                throw new ArgumentException("A device id must be 1-128 characters of [A-Za-z0-9:_-].", "deviceId");
            }

            if (mac == null)
            {
                throw new ArgumentNullException("mac");
            }

            if (mac.JwsAlgorithm != "HS256")
            {
                throw new ArgumentException("HMAC tokens use HMAC-SHA256: the signer must be HS256.", "mac");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            _deviceId = deviceId;
            _mac = mac;
            _random = random;
        }

        /// <summary>The device id carried in the tokens.</summary>
        public string DeviceId
        {
            get { return _deviceId; }
        }

        /// <inheritdoc />
        protected override AuthToken Mint(long issuedAtSeconds, long expiresAtSeconds)
        {
            string token = HmacToken.Create(_mac, _deviceId, issuedAtSeconds, expiresAtSeconds, Nonce.Create(_random, Nonce.DefaultBytes));
            return new AuthToken(token, null, UnixTime.FromSeconds(issuedAtSeconds), UnixTime.FromSeconds(expiresAtSeconds));
        }
    }
}
