// AWS IoT Core custom authorizer for DeviceAuth.nano devices (handler: iot-custom-authorizer.handler).
// Accepts ds1 tokens whose signature AWS IoT verified (signing enabled), hm1 tokens checked with the
// device's secret (signing disabled; under tokenKeyName, in the MQTT username or as the password)
// and RS256 JWTs; binds MQTT connections to the token's device id; answers with a policy scoped to
// the device. Every answer satisfies the service's response rules, denials included (principalId
// and policyDocuments are present), so TestInvokeAuthorizer shows isAuthenticated: false rather
// than InvalidResponseException. lambdas/README.md documents the configuration.
import { ConfigurationError, boolean, choice, integer, readTokenConfig } from './config.mjs';
import { judgeToken, principalIdFor } from './device-credentials.mjs';
import { buildPolicy, iotArnPrefix, readPolicyConfig } from './iot-policy.mjs';
import { ReplayCache } from './replay-cache.mjs';

const CLIENT_ID = /^[A-Za-z0-9:_-]{1,128}$/;

/**
 * The IoT authorizer's configuration from environment variables.
 * @param {Record<string, string | undefined>} env
 */
export function readIotConfig(env) {
  const tokenKeyName = env.TOKEN_KEY_NAME || 'token';
  if (!/^[a-zA-Z0-9_-]{1,128}$/.test(tokenKeyName)) {
    throw new ConfigurationError('TOKEN_KEY_NAME must be the authorizer\'s tokenKeyName (1-128 of [a-zA-Z0-9_-])');
  }

  return {
    ...readTokenConfig(env),
    tokenKeyName,
    requireClientIdMatch: boolean(env, 'REQUIRE_CLIENT_ID_MATCH', true),
    replayProtection: choice(env, 'REPLAY_PROTECTION', 'off', ['off', 'mqtt']),
    refreshAfterInSeconds: integer(env, 'REFRESH_AFTER_SECONDS', 3600, 300, 86400),
    disconnectAfterInSeconds: integer(env, 'DISCONNECT_AFTER_SECONDS', 86400, 300, 86400),
    policy: readPolicyConfig(env),
  };
}

/**
 * Where the device's token is: the event's token (signing enabled: AWS IoT verified its signature),
 * else the tokenKeyName parameter of the MQTT username, the MQTT password, the tokenKeyName header
 * (any case) or query parameter.
 * @param {object} event the custom authorizer event
 * @param {string} tokenKeyName
 * @returns {{token: string | null, signatureVerified: boolean}}
 */
export function credentialsFrom(event, tokenKeyName) {
  if (typeof event.token === 'string' && event.token.length > 0) {
    return { token: event.token, signatureVerified: event.signatureVerified === true };
  }

  const mqtt = event.protocolData?.mqtt;
  const http = event.protocolData?.http;
  const fromUsername = parameter(afterQuestionMark(mqtt?.username), tokenKeyName);
  const fromPassword = typeof mqtt?.password === 'string' && mqtt.password.length > 0 ? Buffer.from(mqtt.password, 'base64').toString('utf8') : null;
  const headerName = Object.keys(http?.headers ?? {}).find((h) => h.toLowerCase() === tokenKeyName.toLowerCase());
  const fromHeader = headerName === undefined ? null : String(http.headers[headerName]);
  const fromQuery = parameter(afterQuestionMark(http?.queryString) ?? http?.queryString, tokenKeyName);
  return { token: fromUsername ?? fromPassword ?? fromHeader ?? fromQuery, signatureVerified: false };
}

function afterQuestionMark(text) {
  if (typeof text !== 'string') {
    return null;
  }

  const q = text.indexOf('?');
  return q < 0 ? null : text.slice(q + 1);
}

function parameter(query, name) {
  return typeof query === 'string' ? new URLSearchParams(query).get(name) : null;
}

/**
 * The decision on one event (pure: time, replay memory and ARN prefix are parameters).
 * @param {object} event the custom authorizer event
 * @param {ReturnType<typeof readIotConfig>} config
 * @param {number} now Unix seconds
 * @param {ReplayCache} replay
 * @param {string} arnPrefix arn:<partition>:iot:<region>:<account>
 * @returns {{response: object, reason: string, kind?: string, deviceId?: string}}
 */
export function authorize(event, config, now, replay, arnPrefix) {
  const { token, signatureVerified } = credentialsFrom(event ?? {}, config.tokenKeyName);
  const judged = judgeToken(token, { signatureVerified }, config, now);
  if (!judged.ok) {
    return deny(config, judged.reason, judged.kind, judged.deviceId);
  }

  const { deviceId, exp, nonce } = judged.claims;
  const mqtt = event.protocolData?.mqtt;
  const clientId = mqtt ? mqtt.clientId : null;
  if (mqtt && config.requireClientIdMatch && clientId !== deviceId) {
    return deny(config, 'client-id-mismatch', judged.kind, deviceId);
  }

  if (mqtt && (typeof clientId !== 'string' || !CLIENT_ID.test(clientId))) {
    return deny(config, 'client-id-invalid', judged.kind, deviceId);
  }

  const connectionId = String(event.connectionMetadata?.id ?? '');
  if (mqtt && config.replayProtection === 'mqtt' && nonce !== null
      && replay.isReplay(`${judged.kind}:${deviceId}:${nonce}`, connectionId, exp + config.limits.clockSkewSeconds, now)) {
    return deny(config, 'replayed', judged.kind, deviceId);
  }

  const response = {
    isAuthenticated: true,
    principalId: principalIdFor(deviceId, 'device'),
    policyDocuments: [buildPolicy(arnPrefix, deviceId, clientId, config.policy)],
    refreshAfterInSeconds: config.refreshAfterInSeconds,
    disconnectAfterInSeconds: config.disconnectAfterInSeconds,
  };
  return { response, reason: 'allowed', kind: judged.kind, deviceId };
}

function deny(config, reason, kind, deviceId) {
  const response = {
    isAuthenticated: false,
    principalId: principalIdFor(deviceId, 'unauthenticated'),
    policyDocuments: [],
    refreshAfterInSeconds: config.refreshAfterInSeconds,
    disconnectAfterInSeconds: config.disconnectAfterInSeconds,
  };
  return { response, reason, kind, deviceId };
}

let state = null;

/**
 * The Lambda entry point. Configuration is read on the first invocation (a bad variable fails every
 * invocation with a ConfigurationError naming it); one log line per decision, without credentials.
 * @param {object} event
 * @param {{invokedFunctionArn?: string}} context
 */
export async function handler(event, context) {
  state ??= { config: readIotConfig(process.env), replay: new ReplayCache() };
  const now = Math.floor(Date.now() / 1000);
  const decision = authorize(event, state.config, now, state.replay, iotArnPrefix(context?.invokedFunctionArn, state.config.policy));
  console.log(JSON.stringify({
    authorizer: 'iot-custom-authorizer',
    decision: decision.response.isAuthenticated ? 'allow' : 'deny',
    reason: decision.reason,
    kind: decision.kind ?? null,
    deviceId: decision.deviceId ?? null,
  }));
  return decision.response;
}
