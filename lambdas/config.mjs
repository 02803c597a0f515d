// Configuration of the authorizer Lambdas from environment variables (lambdas/README.md lists them).
// Every problem is a ConfigurationError naming the variable and the rule, never its value: a
// misconfigured function fails every invocation (the service then refuses every client), loudly.
import { rsaPublicKey } from './token-verification.mjs';

/** A missing or invalid environment variable; the message names the variable, never its value. */
export class ConfigurationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

const DEVICE_ID = /^[A-Za-z0-9:_-]{1,128}$/;
const KINDS = ['ds1', 'hm1', 'jwt'];

/**
 * The settings both authorizers share: time limits, token kinds, device allow/deny lists, hm1
 * secrets, JWT issuer/audiences/keys.
 * @param {Record<string, string | undefined>} env usually process.env
 */
export function readTokenConfig(env) {
  const jwt = readJwtConfig(env);
  const kinds = list(env, 'TOKEN_KINDS') ?? (jwt === null ? ['ds1', 'hm1'] : KINDS);
  for (const kind of kinds) {
    if (!KINDS.includes(kind)) {
      throw new ConfigurationError(`TOKEN_KINDS: '${kind}' is not one of ${KINDS.join(', ')}`);
    }
  }

  if (kinds.includes('jwt') && jwt === null) {
    throw new ConfigurationError('TOKEN_KINDS includes jwt, so JWT_ISSUER is required');
  }

  return {
    tokenKinds: kinds,
    limits: {
      maxLifetimeSeconds: integer(env, 'MAX_TOKEN_LIFETIME_SECONDS', 3600, 60, 31536000),
      clockSkewSeconds: integer(env, 'CLOCK_SKEW_SECONDS', 60, 0, 3600),
    },
    allowedDevices: deviceSet(env, 'ALLOWED_DEVICES'),
    deniedDevices: deviceSet(env, 'DENIED_DEVICES') ?? new Set(),
    hmacSecrets: readHmacSecrets(env),
    jwt,
  };
}

/** An integer variable within [min, max], or the default when unset or empty. */
export function integer(env, name, fallback, min, max) {
  const text = env[name];
  if (text === undefined || text === '') {
    return fallback;
  }

  if (!/^[0-9]{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new ConfigurationError(`${name} must be an integer from ${min} to ${max}`);
  }

  return Number(text);
}

/** A boolean variable ('true' or 'false'), or the default when unset or empty. */
export function boolean(env, name, fallback) {
  const text = env[name];
  if (text === undefined || text === '') {
    return fallback;
  }

  if (text !== 'true' && text !== 'false') {
    throw new ConfigurationError(`${name} must be true or false`);
  }

  return text === 'true';
}

/** A comma-separated list (items trimmed, empty items dropped), or null when unset or empty. */
export function list(env, name) {
  const text = env[name];
  if (text === undefined || text.trim() === '') {
    return null;
  }

  return text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** One of the allowed values, or the default when unset or empty. */
export function choice(env, name, fallback, allowed) {
  const text = env[name];
  if (text === undefined || text === '') {
    return fallback;
  }

  if (!allowed.includes(text)) {
    throw new ConfigurationError(`${name} must be one of ${allowed.join(', ')}`);
  }

  return text;
}

/** A JSON object variable, or null when unset or empty. */
export function jsonObject(env, name) {
  const text = env[name];
  if (text === undefined || text.trim() === '') {
    return null;
  }

  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`${name} is not valid JSON`);
  }

  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigurationError(`${name} must be a JSON object`);
  }

  return value;
}

function deviceSet(env, name) {
  const items = list(env, name);
  if (items === null) {
    return null;
  }

  for (const id of items) {
    if (!DEVICE_ID.test(id)) {
      throw new ConfigurationError(`${name}: every entry must be a device id (1-128 of [A-Za-z0-9:_-])`);
    }
  }

  return new Set(items);
}

// HM1_SECRETS_JSON: {"<device id>": "<standard Base64 of the device's secret (16 bytes or more)>"}.
function readHmacSecrets(env) {
  const map = jsonObject(env, 'HM1_SECRETS_JSON') ?? {};
  const secrets = new Map();
  for (const [id, value] of Object.entries(map)) {
    if (!DEVICE_ID.test(id)) {
      throw new ConfigurationError('HM1_SECRETS_JSON: every key must be a device id (1-128 of [A-Za-z0-9:_-])');
    }

    const secret = typeof value === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : null;
    if (secret === null || secret.length < 16) {
      throw new ConfigurationError(`HM1_SECRETS_JSON: the secret of device '${id}' must be standard Base64 of at least 16 bytes`);
    }

    secrets.set(id, secret);
  }

  return secrets;
}

// JWT_ISSUER (required to accept JWTs), JWT_AUDIENCES (optional list), JWT_JWKS_JSON (the issuer's
// JWKS, needed for compact JWTs whose signature AWS IoT did not verify).
function readJwtConfig(env) {
  const issuer = env.JWT_ISSUER;
  if (issuer === undefined || issuer === '') {
    return null;
  }

  const keys = new Map();
  const jwks = jsonObject(env, 'JWT_JWKS_JSON');
  if (jwks !== null) {
    if (!Array.isArray(jwks.keys)) {
      throw new ConfigurationError('JWT_JWKS_JSON must be a JWKS: {"keys": [...]}');
    }

    jwks.keys.forEach((jwk, i) => {
      try {
        keys.set(typeof jwk.kid === 'string' ? jwk.kid : `#${i}`, rsaPublicKey(jwk));
      } catch {
        throw new ConfigurationError(`JWT_JWKS_JSON: key ${i} is not an RSA public JWK of at least 2048 bits`);
      }
    });
  }

  return {
    issuer,
    audiences: list(env, 'JWT_AUDIENCES') ?? [],
    // A kid selects its key; without a kid, a JWKS of exactly one key is used.
    keyFor: (kid) => (kid !== undefined ? keys.get(kid) ?? null : keys.size === 1 ? [...keys.values()][0] : null),
  };
}
