// API Gateway HTTP API REQUEST (Lambda) authorizer for DeviceAuth.nano devices
// (handler: apigw-request-authorizer.handler). Reads the token (and, for ds1, its signature) from
// the identity sources the library fills (ApiGatewayRequestAuthorization: $request.header.* or
// $request.querystring.*), verifies it here (API Gateway checks nothing itself: ds1 with the
// device's RSA public key, hm1 with its secret, a JWT through the issuer's JWKS) and answers in
// the format the authorizer is configured for: payload 2.0 with simple responses
// {isAuthorized, context}, otherwise an IAM policy for execute-api:Invoke. lambdas/README.md
// documents the event, the response and the configuration.
import { ConfigurationError, boolean, choice, jsonObject, readTokenConfig } from './config.mjs';
import { judgeToken, principalIdFor } from './device-credentials.mjs';
import { rsaPublicKey } from './token-verification.mjs';

const HEADER = '$request.header.';
const QUERY = '$request.querystring.';

/**
 * The REQUEST authorizer's configuration from environment variables.
 * @param {Record<string, string | undefined>} env
 */
export function readRequestConfig(env) {
  const tokenSource = identitySource(env, 'TOKEN_SOURCE', '$request.header.x-device-token');
  const signatureSource = identitySource(env, 'SIGNATURE_SOURCE', '$request.header.x-device-signature');
  return {
    ...readTokenConfig(env),
    tokenSource,
    signatureSource,
    simpleResponses: boolean(env, 'SIMPLE_RESPONSES', false),
    policyResource: choice(env, 'POLICY_RESOURCE', 'api', ['api', 'route']),
    ds1PublicKeys: readDs1Keys(env),
  };
}

function identitySource(env, name, fallback) {
  const expression = env[name] || fallback;
  const isHeader = expression.startsWith(HEADER) && expression.length > HEADER.length;
  const isQuery = expression.startsWith(QUERY) && expression.length > QUERY.length;
  if (!isHeader && !isQuery) {
    throw new ConfigurationError(`${name} must be an identity source: $request.header.<name> or $request.querystring.<name>`);
  }

  return { expression, header: isHeader, name: expression.slice(isHeader ? HEADER.length : QUERY.length) };
}

// DS1_PUBLIC_KEYS_JSON: {"<device id>" | "*": "<SPKI PEM>"}; "*" is a fleet key for every device.
function readDs1Keys(env) {
  const map = jsonObject(env, 'DS1_PUBLIC_KEYS_JSON') ?? {};
  const keys = new Map();
  for (const [id, pem] of Object.entries(map)) {
    try {
      keys.set(id, rsaPublicKey(String(pem)));
    } catch {
      throw new ConfigurationError(`DS1_PUBLIC_KEYS_JSON: the key of '${id}' is not an SPKI PEM RSA public key of at least 2048 bits`);
    }
  }

  return keys;
}

/**
 * The value of an identity source in the event (header names compared case-insensitively, query
 * parameter names case-sensitively), or null.
 * @param {object} event payload format 1.0 or 2.0
 * @param {{header: boolean, name: string}} source
 */
export function identityValue(event, source) {
  if (source.header) {
    const headers = event.headers ?? {};
    const key = Object.keys(headers).find((h) => h.toLowerCase() === source.name.toLowerCase());
    return key === undefined ? null : String(headers[key]);
  }

  const value = (event.queryStringParameters ?? {})[source.name];
  return value === undefined || value === null ? null : String(value);
}

/**
 * The decision on one event (pure: the time is a parameter).
 * @param {object} event payload format 1.0 or 2.0
 * @param {ReturnType<typeof readRequestConfig>} config
 * @param {number} now Unix seconds
 * @returns {{response: object, reason: string, kind?: string, deviceId?: string}}
 */
export function authorizeRequest(event, config, now) {
  let token = identityValue(event, config.tokenSource);
  if (token !== null && /^bearer /i.test(token)) {
    token = token.slice(7).trim();
  }

  const proof = {
    signatureVerified: false,
    signature: identityValue(event, config.signatureSource),
    ds1PublicKeyFor: (id) => config.ds1PublicKeys.get(id) ?? config.ds1PublicKeys.get('*') ?? null,
  };
  const judged = judgeToken(token, proof, config, now);
  const deviceId = judged.ok ? judged.claims.deviceId : judged.deviceId;
  const response = respond(event, config, judged.ok, deviceId, judged.kind);
  return { response, reason: judged.ok ? 'allowed' : judged.reason, kind: judged.kind, deviceId };
}

function respond(event, config, allowed, deviceId, kind) {
  const context = allowed ? { deviceId, tokenKind: kind } : {};
  if (event.version === '2.0' && config.simpleResponses) {
    return { isAuthorized: allowed, context };
  }

  return {
    principalId: allowed ? deviceId : principalIdFor(deviceId, 'unauthenticated'),
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: allowed ? 'Allow' : 'Deny', Resource: resourceFor(event, config) }],
    },
    context,
  };
}

// routeArn (2.0) / methodArn (1.0): arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<verb>/<path>.
// 'api' widens it to every route of the stage, so a cached Allow serves the device on every route.
function resourceFor(event, config) {
  const arn = String(event.routeArn ?? event.methodArn ?? '');
  if (config.policyResource === 'route') {
    return arn;
  }

  const parts = arn.split(':');
  if (parts.length < 6) {
    return arn;
  }

  const [apiId, stage] = parts.slice(5).join(':').split('/');
  return `${parts.slice(0, 5).join(':')}:${apiId}/${stage}/*`;
}

let config = null;

/**
 * The Lambda entry point. Configuration is read on the first invocation; one log line per
 * decision, without credentials.
 * @param {object} event
 */
export async function handler(event) {
  config ??= readRequestConfig(process.env);
  const decision = authorizeRequest(event ?? {}, config, Math.floor(Date.now() / 1000));
  console.log(JSON.stringify({
    authorizer: 'apigw-request-authorizer',
    decision: decision.reason === 'allowed' ? 'allow' : 'deny',
    reason: decision.reason,
    kind: decision.kind ?? null,
    deviceId: decision.deviceId ?? null,
  }));
  return decision.response;
}
