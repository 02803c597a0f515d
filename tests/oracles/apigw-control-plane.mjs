// Oracle: the AWS SDK for JavaScript v3 API Gateway V2 client (@aws-sdk/client-apigatewayv2, nobody
// here wrote it) against DeviceAuth's generators and local control plane.
//   node apigw-control-plane.mjs serialize INPUTS.json
//     INPUTS.json: [{"op": "CreateAuthorizer"|"UpdateAuthorizer", "input": {...}}], each input the
//     PascalCase --cli-input-json body. Prints, per input, the request the SDK would send
//     ({method, path, body}) without sending it.
//   node apigw-control-plane.mjs drive https://127.0.0.1:PORT SCENARIO.json
//     SCENARIO.json: {"jwt": {...}, "request": {...}, "update": {...}} (generator bodies). Sets up an
//     HTTP API with both authorizers and two routes through the local control plane, exercises
//     Get/Update/Reset/Delete and the error types, and prints what it saw as JSON.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  ApiGatewayV2Client, CreateApiCommand, CreateAuthorizerCommand, CreateRouteCommand, CreateStageCommand,
  DeleteAuthorizerCommand, DeleteRouteCommand, GetAuthorizerCommand, GetAuthorizersCommand,
  ResetAuthorizersCacheCommand, UpdateAuthorizerCommand,
} from '@aws-sdk/client-apigatewayv2';

const credentials = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' };
const [mode, ...args] = process.argv.slice(2);

function client(endpoint) {
  return new ApiGatewayV2Client({
    region: 'us-east-1', endpoint, credentials, maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpsAgent: new https.Agent({ rejectUnauthorized: false }) }),
  });
}

async function serialize(file) {
  const out = [];
  for (const { op, input } of JSON.parse(readFileSync(file, 'utf8'))) {
    const c = client('https://apigateway.invalid');
    let captured;
    c.middlewareStack.add((next) => async (a) => { captured = a.request; throw new Error('captured'); }, { step: 'build', priority: 'low' });
    const command = op === 'CreateAuthorizer' ? new CreateAuthorizerCommand(input) : new UpdateAuthorizerCommand(input);
    await c.send(command).catch((e) => { if (e.message !== 'captured') throw e; });
    out.push({ method: captured.method, path: captured.path, body: captured.body ? JSON.parse(captured.body) : null });
  }
  console.log(JSON.stringify(out));
}

async function error(promise) {
  try {
    await promise;
    return { name: 'none' };
  } catch (e) {
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
}

async function drive(endpoint, file) {
  const scenario = JSON.parse(readFileSync(file, 'utf8'));
  const c = client(endpoint);
  const r = {};
  const api = await c.send(new CreateApiCommand({ Name: 'device-api', ProtocolType: 'HTTP' }));
  const ApiId = r.apiId = api.ApiId;
  await c.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  const jwt = await c.send(new CreateAuthorizerCommand({ ...scenario.jwt, ApiId }));
  const req = await c.send(new CreateAuthorizerCommand({ ...scenario.request, ApiId }));
  r.jwtId = jwt.AuthorizerId;
  r.requestId = req.AuthorizerId;
  r.getJwt = await c.send(new GetAuthorizerCommand({ ApiId, AuthorizerId: jwt.AuthorizerId }));
  const page1 = await c.send(new GetAuthorizersCommand({ ApiId, MaxResults: '1' }));
  const page2 = await c.send(new GetAuthorizersCommand({ ApiId, MaxResults: '1', NextToken: page1.NextToken }));
  r.pages = [page1.Items.map((a) => a.Name), page2.Items.map((a) => a.Name), page2.NextToken ?? null];
  r.updated = await c.send(new UpdateAuthorizerCommand({ ...scenario.update, ApiId, AuthorizerId: req.AuthorizerId }));
  const jwtRoute = await c.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /telemetry', AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId }));
  const scopedRoute = await c.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /scoped', AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId, AuthorizationScopes: ['telemetry/write'] }));
  await c.send(new CreateRouteCommand({ ApiId, RouteKey: 'POST /telemetry', AuthorizationType: 'CUSTOM', AuthorizerId: req.AuthorizerId }));
  await c.send(new ResetAuthorizersCacheCommand({ ApiId, StageName: '$default' }));
  r.errors = {
    unknownAuthorizer: await error(c.send(new GetAuthorizerCommand({ ApiId, AuthorizerId: 'nope42' }))),
    unknownApi: await error(c.send(new GetAuthorizersCommand({ ApiId: 'nosuchapi0' }))),
    badTtl: await error(c.send(new CreateAuthorizerCommand({ ...scenario.request, Name: 'bad-ttl', AuthorizerResultTtlInSeconds: 5000, ApiId }))),
    jwtWithUri: await error(c.send(new UpdateAuthorizerCommand({ ApiId, AuthorizerId: jwt.AuthorizerId, AuthorizerUri: scenario.request.AuthorizerUri }))),
    duplicateRoute: await error(c.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /telemetry' }))),
    deleteInUse: await error(c.send(new DeleteAuthorizerCommand({ ApiId, AuthorizerId: jwt.AuthorizerId }))),
    resetUnknownStage: await error(c.send(new ResetAuthorizersCacheCommand({ ApiId, StageName: 'prod' }))),
  };
  await c.send(new DeleteRouteCommand({ ApiId, RouteId: jwtRoute.RouteId }));
  await c.send(new DeleteRouteCommand({ ApiId, RouteId: scopedRoute.RouteId }));
  r.afterDelete = await error(c.send(new DeleteAuthorizerCommand({ ApiId, AuthorizerId: jwt.AuthorizerId })));
  // Recreate what the data-plane tests use (the deleted JWT authorizer, its route).
  const jwt2 = await c.send(new CreateAuthorizerCommand({ ...scenario.jwt, ApiId }));
  await c.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /telemetry', AuthorizationType: 'JWT', AuthorizerId: jwt2.AuthorizerId }));
  r.jwtId = jwt2.AuthorizerId;
  console.log(JSON.stringify(r));
}

if (mode === 'serialize') {
  await serialize(args[0]);
} else if (mode === 'drive') {
  await drive(args[0], args[1]);
} else {
  console.error('usage: apigw-control-plane.mjs serialize INPUTS.json | drive ENDPOINT SCENARIO.json');
  process.exit(2);
}
