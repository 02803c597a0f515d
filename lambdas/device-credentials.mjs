// The decision both authorizers share: which kind of token this is, whether it is genuine and
// current, and whether its device may connect at all. Pure: the time and the verified-by-the-service
// flag are parameters; the reason is a short code for logs and tests, never token contents.
import {
  STATUS,
  tokenKind,
  verifyDeviceSignedClaims,
  verifyDeviceSignedToken,
  verifyHmacToken,
  verifyJwt,
} from './token-verification.mjs';

const REASONS = {
  [STATUS.malformed]: 'malformed',
  [STATUS.badSignature]: 'bad-signature',
  [STATUS.expired]: 'expired',
  [STATUS.notYetValid]: 'not-yet-valid',
  [STATUS.lifetimeTooLong]: 'lifetime-too-long',
  [STATUS.wrongIssuerOrAudience]: 'wrong-issuer-or-audience',
};

/**
 * Judges one token.
 * @param {string | null} token the token as received
 * @param {{signatureVerified: boolean, signature?: string | null, ds1PublicKeyFor?: (deviceId: string) => import('node:crypto').KeyObject | null}} proof
 *   signatureVerified: AWS IoT verified tokenSignature with the authorizer's keys (signing enabled);
 *   signature + ds1PublicKeyFor: check a ds1 signature here (API Gateway REQUEST authorizers).
 * @param {ReturnType<import('./config.mjs').readTokenConfig>} config
 * @param {number} now Unix seconds
 * @returns {{ok: true, kind: string, claims: {deviceId: string, iat: number, exp: number, nonce: string | null}} | {ok: false, reason: string, kind?: string, deviceId?: string}}
 */
export function judgeToken(token, proof, config, now) {
  const kind = tokenKind(token);
  if (kind === null) {
    return { ok: false, reason: token ? 'unrecognised-token' : 'no-token' };
  }

  if (!config.tokenKinds.includes(kind)) {
    return { ok: false, reason: 'kind-not-accepted', kind };
  }

  const result = verifyByKind(kind, token, proof, config, now);
  if (result.reason !== undefined) {
    return { ok: false, reason: result.reason, kind };
  }

  const deviceId = result.claims?.deviceId;
  if (result.status !== STATUS.valid) {
    const reason = result.unknownDevice ? 'unknown-device' : REASONS[result.status];
    return { ok: false, reason, kind, deviceId: result.status === STATUS.malformed ? undefined : deviceId };
  }

  if (config.deniedDevices.has(deviceId)) {
    return { ok: false, reason: 'device-denied', kind, deviceId };
  }

  if (config.allowedDevices !== null && !config.allowedDevices.has(deviceId)) {
    return { ok: false, reason: 'device-not-allowed', kind, deviceId };
  }

  return { ok: true, kind, claims: result.claims };
}

function verifyByKind(kind, token, proof, config, now) {
  switch (kind) {
    case 'ds1':
      if (proof.signatureVerified) {
        return verifyDeviceSignedClaims(token, now, config.limits);
      }

      if (proof.ds1PublicKeyFor === undefined || typeof proof.signature !== 'string') {
        // Nobody checked the RSA signature (an authorizer with signing disabled): a ds1 claim string
        // alone proves nothing.
        return { reason: 'signature-not-verified' };
      }

      return verifyDeviceSignedToken(token, proof.signature, proof.ds1PublicKeyFor, now, config.limits);
    case 'hm1':
      return verifyHmacToken(token, (id) => config.hmacSecrets.get(id) ?? null, now, config.limits);
    default:
      return verifyJwt(token, proof.signatureVerified, config.jwt, now, config.limits);
  }
}

/**
 * principalId for a device id: the service accepts 1-128 ASCII letters and digits only.
 * @param {string | undefined} deviceId
 * @param {string} fallback used when nothing is left
 */
export function principalIdFor(deviceId, fallback) {
  const cleaned = (deviceId ?? '').replace(/[^A-Za-z0-9]/g, '').slice(0, 128);
  return cleaned.length > 0 ? cleaned : fallback;
}
