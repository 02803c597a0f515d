// node --test: configuration, policy, replay memory and the decisions of both handlers on events
// shaped as the services send them (tokens built here; the library's own tokens are fed to the
// deployed handlers by tests/DeviceAuth.LocalCloud.Tests/AuthorizerLambdaTests.cs).
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { test } from 'node:test';
import { readIotConfig, authorize, credentialsFrom } from '../iot-custom-authorizer.mjs';
import { readRequestConfig, authorizeRequest } from '../apigw-request-authorizer.mjs';
import { buildPolicy, iotArnPrefix, readPolicyConfig } from '../iot-policy.mjs';
import { ReplayCache } from '../replay-cache.mjs';
import { ConfigurationError } from '../config.mjs';

const SECRET = Buffer.alloc(32, 7);
const ENV = { HM1_SECRETS_JSON: JSON.stringify({ 'thing-42': SECRET.toString('base64') }) };
const NOW = 1767225600;

function hm1(deviceId, iat, exp, nonce = 'AAECAwQFBgcICQoL') {
  const claims = `hm1.${deviceId}.${iat}.${exp}.${nonce}`;
  return `${claims}.${createHmac('sha256', SECRET).update(claims).digest('base64url')}`;
}

const mqttEvent = (token, clientId, connection = 'c1') => ({
  protocols: ['mqtt'],
  protocolData: { mqtt: { username: `sensor?x-amz-customauthorizer-name=a&token=${encodeURIComponent(token)}`, clientId } },
  connectionMetadata: { id: connection },
});

test('configuration errors name the variable, never the value', () => {
  const cases = [
    [{ REFRESH_AFTER_SECONDS: '299' }, /REFRESH_AFTER_SECONDS/],
    [{ HM1_SECRETS_JSON: '{"thing-42": "c2hvcnQ="}' }, /HM1_SECRETS_JSON: the secret of device 'thing-42'/],
    [{ HM1_SECRETS_JSON: '{not json' }, /HM1_SECRETS_JSON is not valid JSON/],
    [{ TOKEN_KINDS: 'jwt' }, /JWT_ISSUER is required/],
    [{ TOKEN_KINDS: 'ds2' }, /TOKEN_KINDS/],
    [{ REPLAY_PROTECTION: 'on' }, /REPLAY_PROTECTION/],
    [{ TOPIC_PATTERNS: 'a/{thing}/*' }, /TOPIC_PATTERNS/],
    [{ TOPIC_PATTERNS: Array(40).fill('devices/{deviceId}/x').join(',') }, /exceed 2048/],
  ];
  for (const [env, message] of cases) {
    assert.throws(() => readIotConfig(env), (e) => e instanceof ConfigurationError && message.test(e.message) && !e.message.includes('c2hvcnQ'));
  }
  assert.throws(() => readRequestConfig({ TOKEN_SOURCE: '$context.authorizer' }), /TOKEN_SOURCE/);
});

test('the policy allows connect for the client id and the device topics only', () => {
  const prefix = iotArnPrefix('arn:aws:lambda:eu-west-1:123456789012:function:f:live', { region: null, account: null });
  assert.equal(prefix, 'arn:aws:iot:eu-west-1:123456789012');
  assert.equal(iotArnPrefix(undefined, { region: null, account: null }), 'arn:aws:iot:*:*');
  const policy = JSON.parse(buildPolicy(prefix, 'thing-42', 'thing-42', readPolicyConfig({})));
  assert.deepEqual(policy.Statement.map((s) => s.Action), ['iot:Connect', ['iot:Publish', 'iot:Receive'], 'iot:Subscribe']);
  assert.equal(policy.Statement[0].Resource, 'arn:aws:iot:eu-west-1:123456789012:client/thing-42');
  assert.deepEqual(policy.Statement[2].Resource, ['arn:aws:iot:eu-west-1:123456789012:topicfilter/devices/thing-42/*']);
  assert.equal(JSON.parse(buildPolicy(prefix, 'thing-42', null, readPolicyConfig({}))).Statement.length, 2, 'HTTP: no iot:Connect');
});

test('replay memory: another connection is a replay, the same one (a policy refresh) is not', () => {
  const cache = new ReplayCache(2);
  assert.equal(cache.isReplay('k', 'c1', 100, 10), false);
  assert.equal(cache.isReplay('k', 'c1', 100, 20), false);
  assert.equal(cache.isReplay('k', 'c2', 100, 30), true);
  assert.equal(cache.isReplay('k', 'c2', 200, 100), false, 'forgotten after forgetAt');
  cache.isReplay('a', 'c', 1000, 100);
  cache.isReplay('b', 'c', 1000, 100);
  assert.ok(cache.entries.size <= 2);
});

test('IoT: hm1 in the username, password, header or query string', () => {
  const token = hm1('thing-42', NOW, NOW + 600);
  assert.equal(credentialsFrom(mqttEvent(token, 'x'), 'token').token, token);
  assert.equal(credentialsFrom({ protocolData: { mqtt: { username: 'u', password: Buffer.from(token).toString('base64') } } }, 'token').token, token);
  assert.equal(credentialsFrom({ protocolData: { http: { headers: { TOKEN: token }, queryString: '' } } }, 'token').token, token);
  assert.equal(credentialsFrom({ protocolData: { http: { headers: {}, queryString: `?token=${encodeURIComponent(token)}` } } }, 'token').token, token);
  assert.equal(credentialsFrom({ token: 'ds1.x', signatureVerified: true }, 'token').signatureVerified, true);
});

test('IoT decisions: allowed, expired, future, wrong client, tampered, unknown, replayed, ds1 unsigned', () => {
  const config = readIotConfig({ ...ENV, REPLAY_PROTECTION: 'mqtt' });
  const cache = new ReplayCache();
  const run = (event, now = NOW + 10) => authorize(event, config, now, cache, 'arn:aws:iot:us-east-1:123456789012');
  const good = hm1('thing-42', NOW, NOW + 600);
  const allowed = run(mqttEvent(good, 'thing-42'));
  assert.equal(allowed.reason, 'allowed');
  assert.equal(allowed.response.principalId, 'thing42');
  assert.equal(run(mqttEvent(good, 'thing-42')).reason, 'allowed', 'policy refresh on the same connection');
  assert.equal(run(mqttEvent(good, 'thing-42', 'c2')).reason, 'replayed');
  assert.equal(run(mqttEvent(hm1('thing-42', NOW, NOW + 600, 'BBECAwQFBgcICQoL'), 'thing-42'), NOW + 660).reason, 'expired');
  assert.equal(run(mqttEvent(hm1('thing-42', NOW + 600, NOW + 900), 'thing-42')).reason, 'not-yet-valid');
  assert.equal(run(mqttEvent(hm1('thing-42', NOW, NOW + 600, 'CCECAwQFBgcICQoL'), 'thing-43')).reason, 'client-id-mismatch');
  assert.equal(run(mqttEvent(good.replace('.AAEC', '.AAED'), 'thing-42')).reason, 'bad-signature');
  assert.equal(run(mqttEvent(hm1('thing-43', NOW, NOW + 600), 'thing-43')).reason, 'unknown-device');
  assert.equal(run({ token: 'ds1.thing-42.1.2.AAECAwQFBgcICQoL', signatureVerified: false, protocolData: {} }).reason, 'signature-not-verified');
  assert.equal(run({ protocolData: { mqtt: { clientId: 'thing-42' } } }).reason, 'no-token');
  const denied = run(mqttEvent('garbage', 'thing-42'));
  assert.equal(denied.response.isAuthenticated, false);
  assert.equal(denied.response.principalId, 'unauthenticated', 'denials keep a valid principalId');
  assert.deepEqual(denied.response.policyDocuments, []);
});

test('IoT: DENIED_DEVICES and ALLOWED_DEVICES', () => {
  const token = hm1('thing-42', NOW, NOW + 600);
  const denied = readIotConfig({ ...ENV, DENIED_DEVICES: 'thing-42' });
  assert.equal(authorize(mqttEvent(token, 'thing-42'), denied, NOW, new ReplayCache(), 'p').reason, 'device-denied');
  const allowList = readIotConfig({ ...ENV, ALLOWED_DEVICES: 'thing-1,thing-2' });
  assert.equal(authorize(mqttEvent(token, 'thing-42'), allowList, NOW, new ReplayCache(), 'p').reason, 'device-not-allowed');
});

test('REQUEST authorizer: ds1 + signature headers, simple and IAM responses', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' });
  const token = `ds1.thing-42.${NOW}.${NOW + 600}.AAECAwQFBgcICQoL`;
  const signature = sign('sha256', Buffer.from(token), privateKey).toString('base64');
  const env = { DS1_PUBLIC_KEYS_JSON: JSON.stringify({ 'thing-42': pem }) };
  const routeArn = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/telemetry';
  const v2 = { version: '2.0', type: 'REQUEST', routeArn, headers: { 'x-device-token': token, 'x-device-signature': signature } };
  const simple = authorizeRequest(v2, readRequestConfig({ ...env, SIMPLE_RESPONSES: 'true' }), NOW + 1).response;
  assert.deepEqual(simple, { isAuthorized: true, context: { deviceId: 'thing-42', tokenKind: 'ds1' } });
  const iam = authorizeRequest(v2, readRequestConfig(env), NOW + 1).response;
  assert.equal(iam.principalId, 'thing-42');
  assert.deepEqual(iam.policyDocument.Statement, [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/*' }]);
  const v1 = { version: '1.0', type: 'REQUEST', methodArn: routeArn, headers: { 'X-Device-Token': token, 'X-Device-Signature': signature } };
  assert.equal(authorizeRequest(v1, readRequestConfig({ ...env, SIMPLE_RESPONSES: 'true', POLICY_RESOURCE: 'route' }), NOW + 1).response.policyDocument.Statement[0].Resource, routeArn);
  const tampered = { ...v2, headers: { ...v2.headers, 'x-device-token': token.replace('thing-42', 'thing-4') } };
  const refused = authorizeRequest(tampered, readRequestConfig({ ...env, SIMPLE_RESPONSES: 'true' }), NOW + 1);
  assert.equal(refused.reason, 'bad-signature');
  assert.deepEqual(refused.response, { isAuthorized: false, context: {} });
  assert.equal(authorizeRequest(v2, readRequestConfig(env), NOW + 700).response.policyDocument.Statement[0].Effect, 'Deny');
});
