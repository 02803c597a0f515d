// node --test: the pure helpers of token-verification.mjs against the worked example of
// docs/token-formats.md and tokens built here with node:crypto (library-minted tokens are fed to the
// handlers by tests/DeviceAuth.LocalCloud.Tests/AuthorizerLambdaTests.cs).
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { test } from 'node:test';
import {
  STATUS, checkTimes, decodeBase64Url, decodeStandardBase64, parseCompactClaims, parseJwt,
  peekHmacDeviceId, tokenKind, verifyDeviceSignedToken, verifyHmacToken, verifyJwt,
} from '../token-verification.mjs';

const LIMITS = { maxLifetimeSeconds: 3600, clockSkewSeconds: 60 };
// docs/token-formats.md, "Worked example": secret = bytes 0x00..0x1f.
const SECRET = Buffer.from([...Array(32).keys()]);
const EXAMPLE = 'hm1.device-1.1748736000.1748736900.AAECAwQFBgcICQoL.FnofNWiV4ghbAKNqZwYdiDMCzflXhvaEMDtuFCFtdTc';
const secretFor = (id) => (id === 'device-1' ? SECRET : null);

test('compact claims parse strictly', () => {
  assert.deepEqual(parseCompactClaims('ds1.thing-42.1748736000.1748739600.AAECAwQFBgcICQoL'),
    { format: 'ds1', deviceId: 'thing-42', iat: 1748736000, exp: 1748739600, nonce: 'AAECAwQFBgcICQoL' });
  for (const bad of ['DS1.t.1.2.AAAAAAAA', 'ds1.t.01.2.AAAAAAAA', 'ds1.t.2.2.AAAAAAAA', 'ds1.t.1.2.AAAA', 'ds1.t.1.2.AAAAAAAA.x',
    'ds1.t.+1.2.AAAAAAAA', 'ds1.t.1.2.AAAAAAA=', 'ds1.t.1.1234567890123.AAAAAAAA', 'ds1.t!.1.2.AAAAAAAA', 'ds1..1.2.AAAAAAAA']) {
    assert.equal(parseCompactClaims(bad), null, bad);
  }
});

test('time checks run in the documented order', () => {
  assert.equal(checkTimes(1000, 4600, 2000, LIMITS), STATUS.valid);
  assert.equal(checkTimes(1000, 4601, 2000, LIMITS), STATUS.lifetimeTooLong);
  assert.equal(checkTimes(1000, 2000, 2059, LIMITS), STATUS.valid);
  assert.equal(checkTimes(1000, 2000, 2060, LIMITS), STATUS.expired);
  assert.equal(checkTimes(1000, 2000, 940, LIMITS), STATUS.valid);
  assert.equal(checkTimes(1000, 2000, 939, LIMITS), STATUS.notYetValid);
});

test('base64 decoders refuse non-canonical input', () => {
  assert.deepEqual(decodeBase64Url('AAEC'), Buffer.from([0, 1, 2]));
  assert.equal(decodeBase64Url('AAE='), null);
  assert.equal(decodeBase64Url('AAF'), null, 'unused bits set');
  assert.equal(decodeBase64Url('AA+/'), null);
  assert.deepEqual(decodeStandardBase64('AA+/'), Buffer.from([0, 15, 191]));
  assert.equal(decodeStandardBase64('AAE'), null, 'unpadded');
  assert.equal(decodeStandardBase64('AA-_'), null, 'base64url alphabet');
});

test('the worked hm1 example verifies, then fails on every tampering', () => {
  const now = 1748736100;
  assert.equal(peekHmacDeviceId(EXAMPLE), 'device-1');
  assert.equal(verifyHmacToken(EXAMPLE, secretFor, now, LIMITS).status, STATUS.valid);
  assert.equal(verifyHmacToken(EXAMPLE.replace('1748736900', '1748736901'), secretFor, now, LIMITS).status, STATUS.badSignature);
  assert.equal(verifyHmacToken(EXAMPLE.slice(0, -1) + 'g', secretFor, now, LIMITS).status, STATUS.badSignature);
  assert.equal(verifyHmacToken(EXAMPLE.slice(0, -1) + 'd', secretFor, now, LIMITS).status, STATUS.malformed, 'unused bits set');
  assert.equal(verifyHmacToken(EXAMPLE, () => Buffer.alloc(32), now, LIMITS).status, STATUS.badSignature);
  const unknown = verifyHmacToken(EXAMPLE, () => null, now, LIMITS);
  assert.equal(unknown.status, STATUS.badSignature);
  assert.equal(unknown.unknownDevice, true);
  assert.equal(verifyHmacToken(EXAMPLE, secretFor, 1748736900 + 60, LIMITS).status, STATUS.expired);
  assert.equal(verifyHmacToken(EXAMPLE, secretFor, now, { maxLifetimeSeconds: 899, clockSkewSeconds: 60 }).status, STATUS.lifetimeTooLong);
});

test('ds1 signatures are checked with the device key, over the token bytes', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const token = 'ds1.thing-42.1748736000.1748739600.AAECAwQFBgcICQoL';
  const signature = sign('sha256', Buffer.from(token), privateKey).toString('base64');
  const keyFor = (id) => (id === 'thing-42' ? publicKey : null);
  assert.equal(verifyDeviceSignedToken(token, signature, keyFor, 1748736100, LIMITS).status, STATUS.valid);
  assert.equal(verifyDeviceSignedToken(token, signature, () => other.publicKey, 1748736100, LIMITS).status, STATUS.badSignature);
  assert.equal(verifyDeviceSignedToken(token.replace('thing-42', 'thing-43'), signature, () => publicKey, 1748736100, LIMITS).status, STATUS.badSignature);
  assert.equal(verifyDeviceSignedToken(token, signature.replaceAll('+', '-').replaceAll('/', '_'), keyFor, 1748736100, LIMITS).status,
    /[+/]/.test(signature) ? STATUS.malformed : STATUS.valid);
  assert.equal(verifyDeviceSignedToken(token, signature, keyFor, 1748739600 + 60, LIMITS).status, STATUS.expired);
});

test('JWTs: RS256 only, the kid selects the key, iss/aud/exp/nbf are checked', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const mint = (header, payload, key = privateKey) => {
    const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
  };
  const jwt = { issuer: 'https://issuer', audiences: ['api'], keyFor: (kid) => (kid === 'k1' ? publicKey : null) };
  const claims = { iss: 'https://issuer', sub: 'thing-42', aud: 'api', iat: 1000, nbf: 1000, exp: 2000, jti: 'AAECAwQFBgcICQoLDA0ODw' };
  const good = mint({ alg: 'RS256', typ: 'JWT', kid: 'k1' }, claims);
  assert.equal(tokenKind(good), 'jwt');
  assert.equal(verifyJwt(good, false, jwt, 1500, LIMITS).status, STATUS.valid);
  assert.equal(verifyJwt(good, false, jwt, 1500, LIMITS).claims.deviceId, 'thing-42');
  assert.equal(verifyJwt(mint({ alg: 'RS256', kid: 'k2' }, claims), false, jwt, 1500, LIMITS).status, STATUS.badSignature);
  assert.equal(verifyJwt(mint({ alg: 'HS256', kid: 'k1' }, claims), false, jwt, 1500, LIMITS).status, STATUS.malformed);
  assert.equal(verifyJwt(mint({ alg: 'RS256', kid: 'k1' }, { ...claims, iss: 'https://other' }), false, jwt, 1500, LIMITS).status, STATUS.wrongIssuerOrAudience);
  assert.equal(verifyJwt(mint({ alg: 'RS256', kid: 'k1' }, { ...claims, aud: 'other' }), false, jwt, 1500, LIMITS).status, STATUS.wrongIssuerOrAudience);
  assert.equal(verifyJwt(mint({ alg: 'RS256', kid: 'k1' }, { ...claims, nbf: 1700 }), false, jwt, 1500, LIMITS).status, STATUS.notYetValid);
  assert.equal(verifyJwt(good, false, jwt, 2060, LIMITS).status, STATUS.expired);
  const signingInput = good.slice(0, good.lastIndexOf('.'));
  assert.equal(verifyJwt(signingInput, true, jwt, 1500, LIMITS).status, STATUS.valid, 'AWS IoT verified header.payload');
  assert.equal(verifyJwt(signingInput, false, jwt, 1500, LIMITS).status, STATUS.badSignature, 'nobody verified header.payload');
  assert.equal(parseJwt('a.b.c.d'), null);
});
