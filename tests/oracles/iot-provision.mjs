// A provisioning script written with the AWS SDK for JavaScript v3 (@aws-sdk/client-iot), as a user
// would write it for AWS; only the endpoint (and the CA of its self-signed certificate) differs. The
// test (tests/DeviceAuth.LocalCloud.Tests/ProvisioningOracleTests.cs) runs it step by step against
// `serve`'s local endpoint and connects a library-composed device between the steps.
//
//   node iot-provision.mjs <setup|rotate|deactivate|cleanup> <config.json>
//
// config.json: {endpoint, caFile, region, authorizerName, functionArn, publicKeyPem, nextPublicKeyPem,
// testInvokeBody (the library's TestInvokeAuthorizer request body)}. Every answer and every error is
// checked as the SDK parsed it (errors by their exception class); the first mismatch ends the script
// with exit code 1 and a message on stderr.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import {
  IoTClient,
  ClearDefaultAuthorizerCommand,
  CreateAuthorizerCommand,
  DeleteAuthorizerCommand,
  DescribeAuthorizerCommand,
  DescribeDefaultAuthorizerCommand,
  ListAuthorizersCommand,
  SetDefaultAuthorizerCommand,
  TestInvokeAuthorizerCommand,
  UpdateAuthorizerCommand,
  DeleteConflictException,
  InvalidRequestException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-iot';

const [step, configFile] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configFile, 'utf8'));
const iot = new IoTClient({
  region: config.region,
  endpoint: config.endpoint,
  credentials: { accessKeyId: 'AKIDLOCALTESTONLY000', secretAccessKey: 'local-test-secret' },
  requestHandler: { httpsAgent: new Agent({ ca: readFileSync(config.caFile) }) },
  maxAttempts: 1,
});
const name = config.authorizerName;
const arn = `arn:aws:iot:${config.region}:123456789012:authorizer/${name}`;
const done = [];

async function expectError(what, type, command, message) {
  try {
    await iot.send(command);
  } catch (e) {
    assert.ok(e instanceof type, `${what}: expected ${type.name}, got ${e.name}: ${e.message}`);
    if (message !== undefined) {
      assert.match(e.message, message, what);
    }

    done.push(`${what}: ${e.name} (HTTP ${e.$metadata.httpStatusCode})`);
    return e;
  }

  assert.fail(`${what}: expected ${type.name}, the call succeeded`);
}

async function describe(authorizerName) {
  return (await iot.send(new DescribeAuthorizerCommand({ authorizerName }))).authorizerDescription;
}

async function setup() {
  await expectError('DescribeAuthorizer before creation', ResourceNotFoundException, new DescribeAuthorizerCommand({ authorizerName: name }), new RegExp(`Authorizer ${name} not found`));
  await expectError('DescribeDefaultAuthorizer without a default', ResourceNotFoundException, new DescribeDefaultAuthorizerCommand({}), /Default authorizer not found/);
  await expectError('CreateAuthorizer with a bad name', InvalidRequestException,
    new CreateAuthorizerCommand({ authorizerName: 'bad name!', authorizerFunctionArn: config.functionArn, signingDisabled: true }),
    /^1 validation error detected: Value at 'authorizerName' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  await expectError('CreateAuthorizer with signing but no tokenKeyName', InvalidRequestException,
    new CreateAuthorizerCommand({ authorizerName: name, authorizerFunctionArn: config.functionArn, tokenSigningPublicKeys: { key1: config.publicKeyPem } }),
    /Token key name for authorizer .* cannot be null/);
  await expectError('CreateAuthorizer with three keys', InvalidRequestException,
    new CreateAuthorizerCommand({ authorizerName: name, authorizerFunctionArn: config.functionArn, tokenKeyName: 'token',
      tokenSigningPublicKeys: { key1: config.publicKeyPem, key2: config.nextPublicKeyPem, key3: config.publicKeyPem } }),
    /cannot contain more than 2 keys/);

  const created = await iot.send(new CreateAuthorizerCommand({
    authorizerName: name,
    authorizerFunctionArn: config.functionArn,
    tokenKeyName: 'token',
    tokenSigningPublicKeys: { key1: config.publicKeyPem },
    status: 'ACTIVE',
    tags: [{ Key: 'env', Value: 'local' }],
  }));
  assert.deepEqual({ n: created.authorizerName, a: created.authorizerArn }, { n: name, a: arn });
  done.push('CreateAuthorizer: created');
  const duplicate = await expectError('CreateAuthorizer twice', ResourceAlreadyExistsException,
    new CreateAuthorizerCommand({ authorizerName: name, authorizerFunctionArn: config.functionArn, signingDisabled: true }), /already exist/);
  assert.equal(duplicate.resourceId, name);
  assert.equal(duplicate.resourceArn, arn);

  await iot.send(new CreateAuthorizerCommand({ authorizerName: `${name}-hmac`, authorizerFunctionArn: config.functionArn, signingDisabled: true }));
  const hmac = await describe(`${name}-hmac`);
  assert.equal(hmac.status, 'INACTIVE', 'CreateAuthorizer without status');
  assert.equal(hmac.signingDisabled, true);
  assert.equal(hmac.tokenSigningPublicKeys, undefined);

  const d = await describe(name);
  assert.ok(d.creationDate instanceof Date && d.lastModifiedDate instanceof Date, 'dates are parsed as Dates');
  assert.ok(Math.abs(d.creationDate.getTime() - Date.now()) < 600000, 'creationDate is now (epoch seconds)');
  assert.equal(d.creationDate.getTime(), d.lastModifiedDate.getTime());
  assert.deepEqual({ ...d, creationDate: undefined, lastModifiedDate: undefined }, {
    authorizerName: name, authorizerArn: arn, authorizerFunctionArn: config.functionArn, tokenKeyName: 'token',
    tokenSigningPublicKeys: { key1: config.publicKeyPem }, status: 'ACTIVE', signingDisabled: false, enableCachingForHttp: false,
    creationDate: undefined, lastModifiedDate: undefined,
  });
  done.push('DescribeAuthorizer: the created authorizer');

  const listed = await iot.send(new ListAuthorizersCommand({}));
  assert.deepEqual(listed.authorizers.map((a) => a.authorizerName), [`${name}-hmac`, name], 'newest first');
  const ascending = await iot.send(new ListAuthorizersCommand({ ascendingOrder: true, pageSize: 1 }));
  assert.deepEqual(ascending.authorizers, [{ authorizerName: name, authorizerArn: arn }]);
  const next = await iot.send(new ListAuthorizersCommand({ ascendingOrder: true, pageSize: 1, marker: ascending.nextMarker }));
  assert.deepEqual(next.authorizers.map((a) => a.authorizerName), [`${name}-hmac`]);
  assert.equal(next.nextMarker, undefined);
  const active = await iot.send(new ListAuthorizersCommand({ status: 'ACTIVE' }));
  assert.deepEqual(active.authorizers.map((a) => a.authorizerName), [name]);
  await expectError('ListAuthorizers with pageSize 0', InvalidRequestException, new ListAuthorizersCommand({ pageSize: 0 }), /pageSize/);
  done.push('ListAuthorizers: order, pages, status filter');

  const set = await iot.send(new SetDefaultAuthorizerCommand({ authorizerName: name }));
  assert.deepEqual({ n: set.authorizerName, a: set.authorizerArn }, { n: name, a: arn });
  await expectError('SetDefaultAuthorizer twice', ResourceAlreadyExistsException, new SetDefaultAuthorizerCommand({ authorizerName: name }), /Duplicate default authorizer/);
  await expectError('SetDefaultAuthorizer to a missing authorizer', ResourceNotFoundException, new SetDefaultAuthorizerCommand({ authorizerName: 'nobody' }));
  assert.deepEqual((await iot.send(new DescribeDefaultAuthorizerCommand({}))).authorizerDescription, await describe(name));
  done.push('SetDefaultAuthorizer / DescribeDefaultAuthorizer');

  await expectError('DeleteAuthorizer of the default', DeleteConflictException, new DeleteAuthorizerCommand({ authorizerName: name }), /Cannot delete default authorizer/);
  await iot.send(new DeleteAuthorizerCommand({ authorizerName: `${name}-hmac` }));
  await expectError('DescribeAuthorizer after deletion', ResourceNotFoundException, new DescribeAuthorizerCommand({ authorizerName: `${name}-hmac` }));

  const body = JSON.parse(config.testInvokeBody);
  if (body.mqttContext?.password !== undefined) {
    body.mqttContext.password = Buffer.from(body.mqttContext.password, 'base64');
  }

  const invoked = await iot.send(new TestInvokeAuthorizerCommand({ authorizerName: name, ...body }));
  assert.equal(invoked.isAuthenticated, true, 'TestInvokeAuthorizer: the device is authenticated');
  assert.equal(typeof invoked.principalId, 'string');
  assert.equal(invoked.refreshAfterInSeconds, 3600);
  assert.equal(invoked.disconnectAfterInSeconds, 86400);
  assert.ok(JSON.parse(invoked.policyDocuments[0]).Statement.some((s) => s.Action === 'iot:Connect'), 'the policy allows iot:Connect');
  done.push('TestInvokeAuthorizer: the Lambda code allows the device');
}

async function rotate() {
  const before = await describe(name);
  await new Promise((r) => setTimeout(r, 20));
  const updated = await iot.send(new UpdateAuthorizerCommand({ authorizerName: name, tokenSigningPublicKeys: { key1: config.nextPublicKeyPem }, enableCachingForHttp: true }));
  assert.equal(updated.authorizerArn, arn);
  const after = await describe(name);
  assert.deepEqual(after.tokenSigningPublicKeys, { key1: config.nextPublicKeyPem }, 'key1 replaced, no other key');
  assert.equal(after.enableCachingForHttp, true);
  assert.equal(after.creationDate.getTime(), before.creationDate.getTime());
  assert.ok(after.lastModifiedDate.getTime() > before.lastModifiedDate.getTime(), 'lastModifiedDate moves');
  await expectError('UpdateAuthorizer to a third key', InvalidRequestException,
    new UpdateAuthorizerCommand({ authorizerName: name, tokenSigningPublicKeys: { key2: config.publicKeyPem, key3: config.publicKeyPem } }),
    /must neither be zero nor greater than 2/);
  await expectError('UpdateAuthorizer of a missing authorizer', ResourceNotFoundException, new UpdateAuthorizerCommand({ authorizerName: 'nobody', status: 'ACTIVE' }));
  done.push('UpdateAuthorizer: key1 rotated, caching on');
}

async function deactivate() {
  await iot.send(new UpdateAuthorizerCommand({ authorizerName: name, status: 'INACTIVE' }));
  assert.equal((await describe(name)).status, 'INACTIVE');
  done.push('UpdateAuthorizer: INACTIVE');
}

async function cleanup() {
  await iot.send(new UpdateAuthorizerCommand({ authorizerName: name, status: 'ACTIVE' }));
  await iot.send(new ClearDefaultAuthorizerCommand({}));
  await expectError('DeleteAuthorizer while ACTIVE', InvalidRequestException, new DeleteAuthorizerCommand({ authorizerName: name }), /in ACTIVE status/);
  await iot.send(new UpdateAuthorizerCommand({ authorizerName: name, status: 'INACTIVE' }));
  await iot.send(new DeleteAuthorizerCommand({ authorizerName: name }));
  await expectError('DescribeAuthorizer after deletion', ResourceNotFoundException, new DescribeAuthorizerCommand({ authorizerName: name }));
  assert.deepEqual((await iot.send(new ListAuthorizersCommand({}))).authorizers, []);
  done.push('DeleteAuthorizer: gone');
}

const steps = { setup, rotate, deactivate, cleanup };
try {
  await steps[step]();
  console.log(JSON.stringify({ step, ok: true, done }));
} catch (e) {
  console.error(`${step} failed after [${done.join('; ')}]: ${e.stack ?? e}`);
  process.exit(1);
}
