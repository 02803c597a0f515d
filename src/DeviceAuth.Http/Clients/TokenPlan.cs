using System;
using DeviceAuth.Crypto;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// Which token source a device client builds, kept as values so that the client builds it on its
    /// own clock and randomness. The factories apply the sources' own checks at once (the throwaway
    /// source built there does no I/O and mints nothing). One file compiled into DeviceAuth.Http and
    /// DeviceAuth.Mqtt (both .projitems list it).
    /// </summary>
    internal sealed class TokenPlan
    {
        private const int DeviceSignedKind = 1;
        private const int HmacKind = 2;
        private const int JwtKind = 3;
        private const int StaticKind = 4;
        private const int GivenKind = 5;

        // A public placeholder for dry-run compositions: never sent, never a secret.
        private const string ProbeText = "probe";
        private const string ProbeSignature = "cHJvYmU=";

        private readonly int _kind;
        private readonly string _deviceId;
        private readonly ISigner _signer;
        private readonly JwtOptions _claims;
        private readonly ITokenSource _given;
        private readonly AuthToken _static;
        private readonly bool _signed;

        private TokenPlan(int kind, string deviceId, ISigner signer, JwtOptions claims, ITokenSource given, AuthToken fixedToken, bool signed)
        {
            _kind = kind;
            _deviceId = deviceId;
            _signer = signer;
            _claims = claims;
            _given = given;
            _static = fixedToken;
            _signed = signed;
        }

        /// <summary>True when the tokens carry a tokenSignature (assumed for a given source).</summary>
        internal bool Signed
        {
            get { return _signed; }
        }

        /// <summary>Device-signed ds1 tokens (RS256 signer).</summary>
        internal static TokenPlan DeviceSigned(string deviceId, ISigner signer)
        {
            new DeviceSignedTokenSource(deviceId, signer, SystemClock.Instance, new SystemRandomSource(), MintingTokenSource.MinLifetimeSeconds);
            return new TokenPlan(DeviceSignedKind, deviceId, signer, null, null, null, true);
        }

        /// <summary>hm1 HMAC tokens (HS256 signer), no tokenSignature.</summary>
        internal static TokenPlan Hmac(string deviceId, ISigner mac)
        {
            new HmacTokenSource(deviceId, mac, SystemClock.Instance, new SystemRandomSource(), MintingTokenSource.MinLifetimeSeconds);
            return new TokenPlan(HmacKind, deviceId, mac, null, null, null, false);
        }

        /// <summary>JWTs minted from a copy of <paramref name="claims"/> in <paramref name="form"/>, whatever the claims' own Form says.</summary>
        internal static TokenPlan Jwt(JwtOptions claims, ISigner signer, JwtTokenForm form)
        {
            if (claims == null)
            {
                throw new ArgumentNullException("claims");
            }

            JwtOptions copy = new JwtOptions(claims.Issuer, claims.Subject, claims.Audience, claims.LifetimeSeconds);
            copy.KeyId = claims.KeyId;
            copy.Scope = claims.Scope;
            copy.NotBeforeLeewaySeconds = claims.NotBeforeLeewaySeconds;
            copy.Form = form;
            new JwtTokenSource(copy, signer, SystemClock.Instance, new SystemRandomSource());
            return new TokenPlan(JwtKind, null, signer, copy, null, null, form == JwtTokenForm.AwsIotSigned);
        }

        /// <summary>A provisioned token that never expires; <paramref name="tokenSignature"/> null when there is none.</summary>
        internal static TokenPlan Static(string token, string tokenSignature)
        {
            return new TokenPlan(StaticKind, null, null, null, null, new AuthToken(token, tokenSignature, DateTime.MinValue, AuthToken.NoExpiry), tokenSignature != null);
        }

        /// <summary>A source the application built; <paramref name="signed"/> tells the dry run whether its tokens carry a signature.</summary>
        internal static TokenPlan Given(ITokenSource tokens, bool signed)
        {
            if (tokens == null)
            {
                throw new ArgumentNullException("tokens");
            }

            return new TokenPlan(GivenKind, null, null, null, tokens, null, signed);
        }

        /// <summary>The lifetime of the tokens this plan mints, in seconds, or 0 when the plan does not mint them.</summary>
        /// <param name="tokenLifetimeSeconds">The client's TokenLifetimeSeconds (ds1 and hm1 tokens).</param>
        internal int LifetimeSeconds(int tokenLifetimeSeconds)
        {
            if (_kind == DeviceSignedKind || _kind == HmacKind)
            {
                return tokenLifetimeSeconds;
            }

            return _kind == JwtKind ? _claims.LifetimeSeconds : 0;
        }

        /// <summary>The token source, on the client's clock and randomness.</summary>
        /// <param name="clock">The wall clock.</param>
        /// <param name="random">Randomness for nonces and jti.</param>
        /// <param name="tokenLifetimeSeconds">Lifetime of ds1 and hm1 tokens.</param>
        internal ITokenSource Build(IClock clock, IRandomSource random, int tokenLifetimeSeconds)
        {
            switch (_kind)
            {
                case DeviceSignedKind:
                    return new DeviceSignedTokenSource(_deviceId, _signer, clock, random, tokenLifetimeSeconds);
                case HmacKind:
                    return new HmacTokenSource(_deviceId, _signer, clock, random, tokenLifetimeSeconds);
                case JwtKind:
                    return new JwtTokenSource(_claims, _signer, clock, random);
                case StaticKind:
                    return new StaticTokenSource(_static.Token, _static.TokenSignature);
                default:
                    return _given;
            }
        }

        /// <summary>A token shaped like the plan's (the provisioned one itself for a static plan) for a dry-run composition at configuration time.</summary>
        internal AuthToken Probe()
        {
            if (_kind == StaticKind)
            {
                return _static;
            }

            return new AuthToken(ProbeText, _signed ? ProbeSignature : null, DateTime.MinValue, AuthToken.NoExpiry);
        }
    }
}
