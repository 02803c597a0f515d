// Verification of the three token kinds DeviceAuth.nano devices mint (docs/token-formats.md):
// device-signed claim strings (ds1), HMAC tokens (hm1) and RS256 JWTs. Pure functions: the time is
// a parameter (Unix seconds), keys and secrets are passed in, nothing is logged. Every result is
// { status, claims? } where status is one of STATUS (the names of the C# TokenVerificationStatus,
// plus WrongIssuerOrAudience for JWTs).
// Only node:crypto is used, so the module runs in any Node.js 20/22 Lambda without dependencies.
import { createHmac, createPublicKey, timingSafeEqual, verify as rsaVerify } from 'node:crypto';

/** Verification outcomes, as in the library's TokenVerificationStatus. */
export const STATUS = Object.freeze({
  valid: 'Valid',
  malformed: 'Malformed',
  badSignature: 'BadSignature',
  expired: 'Expired',
  notYetValid: 'NotYetValid',
  lifetimeTooLong: 'LifetimeTooLong',
  /** A JWT whose iss or aud is not the configured one (API Gateway's invalid_token). */
  wrongIssuerOrAudience: 'WrongIssuerOrAudience',
});

// format "." device-id "." iat "." exp "." nonce; uint = "0" / non-zero digit + up to 11 digits.
const CLAIMS = /^(ds1|hm1)\.([A-Za-z0-9:_-]{1,128})\.(0|[1-9][0-9]{0,11})\.(0|[1-9][0-9]{0,11})\.([A-Za-z0-9_-]{8,64})$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const STANDARD_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const HMAC_MAC_LENGTH = 43;

/**
 * Parses a compact claim string strictly (five fields, canonical numbers, exp > iat).
 * @param {string} text the claim string (for an hm1 token: everything before its last '.')
 * @returns {{format: string, deviceId: string, iat: number, exp: number, nonce: string} | null}
 */
export function parseCompactClaims(text) {
  if (typeof text !== 'string') {
    return null;
  }

  const m = CLAIMS.exec(text);
  if (m === null) {
    return null;
  }

  const iat = Number(m[3]);
  const exp = Number(m[4]);
  return exp > iat ? { format: m[1], deviceId: m[2], iat, exp, nonce: m[5] } : null;
}

/**
 * The time checks of docs/token-formats.md, in their order: lifetime, expiry, issued in the future.
 * @param {number} iat issued-at, Unix seconds
 * @param {number} exp expiry, Unix seconds (exclusive)
 * @param {number} now the verifier's time, Unix seconds
 * @param {{maxLifetimeSeconds: number, clockSkewSeconds: number}} limits
 * @returns {string} a STATUS value
 */
export function checkTimes(iat, exp, now, limits) {
  if (exp - iat > limits.maxLifetimeSeconds) {
    return STATUS.lifetimeTooLong;
  }

  if (now >= exp + limits.clockSkewSeconds) {
    return STATUS.expired;
  }

  if (iat > now + limits.clockSkewSeconds) {
    return STATUS.notYetValid;
  }

  return STATUS.valid;
}

/**
 * Decodes unpadded base64url strictly: only the url alphabet, no '=', and canonical (zero unused bits).
 * @param {string} text
 * @returns {Buffer | null}
 */
export function decodeBase64Url(text) {
  if (typeof text !== 'string' || text.length === 0 || text.length % 4 === 1 || !BASE64URL.test(text)) {
    return null;
  }

  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/**
 * Decodes padded standard Base64 strictly (the tokenSignature alphabet).
 * @param {string} text
 * @returns {Buffer | null}
 */
export function decodeStandardBase64(text) {
  if (typeof text !== 'string' || text.length === 0 || text.length % 4 !== 0 || !STANDARD_BASE64.test(text)) {
    return null;
  }

  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/**
 * The claims of a ds1 token whose RSA signature somebody already verified (AWS IoT does, for an
 * authorizer with signing enabled): strict format, then the time checks.
 * @param {string} token
 * @param {number} now Unix seconds
 * @param {{maxLifetimeSeconds: number, clockSkewSeconds: number}} limits
 */
export function verifyDeviceSignedClaims(token, now, limits) {
  const claims = parseCompactClaims(token);
  if (claims === null || claims.format !== 'ds1') {
    return { status: STATUS.malformed };
  }

  return { status: checkTimes(claims.iat, claims.exp, now, limits), claims };
}

/**
 * A ds1 token with its signature checked here (for an API Gateway REQUEST authorizer, which checks
 * no signature itself): RSASSA-PKCS1-v1_5 SHA-256 over the token's bytes, by the key the lookup
 * returns for the token's device id, then the time checks.
 * @param {string} token
 * @param {string} signature standard padded Base64, as the device sends tokenSignature
 * @param {(deviceId: string) => import('node:crypto').KeyObject | null} publicKeyFor
 * @param {number} now Unix seconds
 * @param {{maxLifetimeSeconds: number, clockSkewSeconds: number}} limits
 */
export function verifyDeviceSignedToken(token, signature, publicKeyFor, now, limits) {
  const claims = parseCompactClaims(token);
  const signatureBytes = decodeStandardBase64(signature);
  if (claims === null || claims.format !== 'ds1' || signatureBytes === null) {
    return { status: STATUS.malformed };
  }

  const key = publicKeyFor(claims.deviceId);
  if (key === null || !rsaVerify('sha256', Buffer.from(token, 'ascii'), key, signatureBytes)) {
    return { status: STATUS.badSignature, claims };
  }

  return { status: checkTimes(claims.iat, claims.exp, now, limits), claims };
}

/**
 * Returns the device id of a well-formed hm1 token without checking its MAC, to look its secret up.
 * @param {string} token
 * @returns {string | null}
 */
export function peekHmacDeviceId(token) {
  const parsed = splitHmacToken(token);
  return parsed === null ? null : parsed.claims.deviceId;
}

/**
 * Verifies an hm1 token: strict format, the MAC (constant time) with the device's secret, then the
 * times, so that an unauthenticated token is never reported as merely expired.
 * @param {string} token
 * @param {(deviceId: string) => Buffer | null} secretFor the device's secret, or null when unknown
 * @param {number} now Unix seconds
 * @param {{maxLifetimeSeconds: number, clockSkewSeconds: number}} limits
 */
export function verifyHmacToken(token, secretFor, now, limits) {
  const parsed = splitHmacToken(token);
  if (parsed === null) {
    return { status: STATUS.malformed };
  }

  const secret = secretFor(parsed.claims.deviceId);
  if (secret === null) {
    return { status: STATUS.badSignature, claims: parsed.claims, unknownDevice: true };
  }

  const expected = createHmac('sha256', secret).update(parsed.signed, 'ascii').digest();
  if (!timingSafeEqual(expected, parsed.mac)) {
    return { status: STATUS.badSignature, claims: parsed.claims };
  }

  return { status: checkTimes(parsed.claims.iat, parsed.claims.exp, now, limits), claims: parsed.claims };
}

function splitHmacToken(token) {
  if (typeof token !== 'string' || token.length <= HMAC_MAC_LENGTH + 1) {
    return null;
  }

  const dot = token.length - HMAC_MAC_LENGTH - 1;
  if (token[dot] !== '.') {
    return null;
  }

  const signed = token.slice(0, dot);
  const claims = parseCompactClaims(signed);
  const mac = decodeBase64Url(token.slice(dot + 1));
  if (claims === null || claims.format !== 'hm1' || mac === null || mac.length !== 32) {
    return null;
  }

  return { signed, claims, mac };
}

/**
 * Splits a JWT (compact header.payload.signature) or its AWS IoT form (header.payload, the bytes an
 * RS256 signature covers) and decodes header and payload.
 * @param {string} token
 * @returns {{header: object, payload: object, signingInput: string, signature: Buffer | null} | null}
 */
export function parseJwt(token) {
  if (typeof token !== 'string') {
    return null;
  }

  const parts = token.split('.');
  if (parts.length !== 2 && parts.length !== 3) {
    return null;
  }

  const header = decodeJsonPart(parts[0]);
  const payload = decodeJsonPart(parts[1]);
  const signature = parts.length === 3 ? decodeBase64Url(parts[2]) : null;
  if (header === null || payload === null || (parts.length === 3 && signature === null) || typeof header.alg !== 'string') {
    return null;
  }

  return { header, payload, signingInput: parts[0] + '.' + parts[1], signature };
}

function decodeJsonPart(part) {
  const bytes = decodeBase64Url(part);
  if (bytes === null) {
    return null;
  }

  try {
    const value = JSON.parse(bytes.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a JWT's RS256 signature (unless signatureVerified says AWS IoT already checked it over
 * header.payload) and its claims: iss equal to the configured issuer, aud (or client_id) one of the
 * audiences when any are configured, exp/nbf/iat with the clock skew, exp - iat within the maximum
 * lifetime, and a sub usable as a device id.
 * @param {string} token compact JWT, or header.payload when signatureVerified
 * @param {boolean} signatureVerified true when AWS IoT verified the signature (signing enabled)
 * @param {{issuer: string, audiences: string[], keyFor: (kid: string | undefined) => import('node:crypto').KeyObject | null}} jwt
 * @param {number} now Unix seconds
 * @param {{maxLifetimeSeconds: number, clockSkewSeconds: number}} limits
 */
export function verifyJwt(token, signatureVerified, jwt, now, limits) {
  const parsed = parseJwt(token);
  if (parsed === null || parsed.header.alg !== 'RS256') {
    return { status: STATUS.malformed };
  }

  if (parsed.signature === null ? !signatureVerified : !verifyRs256(parsed, jwt)) {
    return { status: STATUS.badSignature };
  }

  const p = parsed.payload;
  const times = [p.exp, p.iat, p.nbf ?? p.iat];
  if (!times.every(Number.isSafeInteger) || typeof p.sub !== 'string' || !/^[A-Za-z0-9:_-]{1,128}$/.test(p.sub)) {
    return { status: STATUS.malformed };
  }

  const claims = { format: 'jwt', deviceId: p.sub, iat: p.iat, exp: p.exp, nonce: typeof p.jti === 'string' ? p.jti : null };
  if (p.iss !== jwt.issuer || !audienceMatches(p, jwt.audiences)) {
    return { status: STATUS.wrongIssuerOrAudience, claims };
  }

  if (p.nbf !== undefined && p.nbf > now + limits.clockSkewSeconds) {
    return { status: STATUS.notYetValid, claims };
  }

  return { status: checkTimes(p.iat, p.exp, now, limits), claims };
}

function verifyRs256(parsed, jwt) {
  const key = jwt.keyFor(parsed.header.kid);
  return key !== null && rsaVerify('sha256', Buffer.from(parsed.signingInput, 'ascii'), key, parsed.signature);
}

function audienceMatches(payload, audiences) {
  if (audiences.length === 0) {
    return true;
  }

  const claimed = payload.aud !== undefined ? payload.aud : payload.client_id;
  const list = Array.isArray(claimed) ? claimed : [claimed];
  return list.some((a) => typeof a === 'string' && audiences.includes(a));
}

/**
 * Which kind of token a string looks like: 'ds1', 'hm1', 'jwt' or null. Says nothing about validity.
 * @param {string} token
 */
export function tokenKind(token) {
  if (typeof token !== 'string') {
    return null;
  }

  if (token.startsWith('ds1.')) {
    return 'ds1';
  }

  if (token.startsWith('hm1.')) {
    return 'hm1';
  }

  return parseJwt(token) === null ? null : 'jwt';
}

/**
 * Reads an RSA public key (SPKI PEM or a JWK) for verification; throws on anything else.
 * @param {string | object} key
 */
export function rsaPublicKey(key) {
  const keyObject = typeof key === 'string' ? createPublicKey(key) : createPublicKey({ key, format: 'jwk' });
  if (keyObject.asymmetricKeyType !== 'rsa' || keyObject.asymmetricKeyDetails.modulusLength < 2048) {
    throw new Error('not an RSA public key of at least 2048 bits');
  }

  return keyObject;
}
