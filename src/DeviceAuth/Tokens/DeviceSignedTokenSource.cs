using System;
using DeviceAuth.Crypto;
using DeviceAuth.Encoding;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// Mints device-signed tokens for AWS IoT authorizers with signing enabled: the token is the
    /// compact claim string <c>ds1.&lt;deviceId&gt;.&lt;iat&gt;.&lt;exp&gt;.&lt;nonce&gt;</c>
    /// (<see cref="CompactClaims"/>, docs/token-formats.md) and tokenSignature is the standard padded
    /// Base64 of its RSASSA-PKCS1-v1_5 SHA-256 signature, which AWS IoT checks against the
    /// authorizer's tokenSigningPublicKeys before the Lambda is invoked.
    /// </summary>
    public sealed class DeviceSignedTokenSource : MintingTokenSource
    {
        private readonly string _deviceId;
        private readonly ISigner _signer;
        private readonly IRandomSource _random;

        /// <summary>Creates the source.</summary>
        /// <param name="deviceId">The device id carried in the token: 1-128 characters of <c>[A-Za-z0-9:_-]</c>.</param>
        /// <param name="signer">An RS256 signer holding the device's private key.</param>
        /// <param name="clock">The clock.</param>
        /// <param name="random">Randomness for the nonce.</param>
        /// <param name="lifetimeSeconds">Lifetime of each token, in seconds.</param>
        public DeviceSignedTokenSource(string deviceId, ISigner signer, IClock clock, IRandomSource random, int lifetimeSeconds)
            : base(clock, lifetimeSeconds)
        {
            if (!CompactClaims.IsValidDeviceId(deviceId))
            {
                throw new ArgumentException("A device id must be 1-128 characters of [A-Za-z0-9:_-].", "deviceId");
            }

            if (signer == null)
            {
                throw new ArgumentNullException("signer");
            }

            if (signer.JwsAlgorithm != "RS256")
            {
                throw new ArgumentException("AWS IoT verifies token signatures with RSA SHA-256: the signer must be RS256.", "signer");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            _deviceId = deviceId;
            _signer = signer;
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
            string token = CompactClaims.Build(CompactClaims.DeviceSignedFormat, _deviceId, issuedAtSeconds, expiresAtSeconds, Nonce.Create(_random, Nonce.DefaultBytes));
            byte[] data = System.Text.Encoding.UTF8.GetBytes(token);
            byte[] signature = _signer.Sign(data, 0, data.Length);
            if (signature == null || signature.Length == 0)
            {
                throw new InvalidOperationException("The signer returned no signature.");
            }

            return new AuthToken(token, Base64Url.EncodeStandard(signature, 0, signature.Length), UnixTime.FromSeconds(issuedAtSeconds), UnixTime.FromSeconds(expiresAtSeconds));
        }
    }
}
