// MQTT 5 client steps run with the npm `mqtt` package (protocolVersion 5) against `serve`'s MQTT
// listener, for tests/DeviceAuth.LocalCloud.Tests (ServeMqtt5Tests). Nothing here composes
// credentials: usernames and passwords come from the library, passed in by the test.
//
// Usage: node mqtt5-client.mjs '<json>'   with json = { url, ca, steps: [step, ...] }
//   credentials: { clientId, username, password (Base64 or null), properties (CONNECT properties) }
//   { op: "connect", creds }                      -> { connack }
//   { op: "pubsub", subscriber, publisher, topic, message }
//        subscribe (QoS 1, a subscription user property) and publish (QoS 1, user properties,
//        content type, response topic, correlation data) through the endpoint
//                                                 -> { subscriberConnack, publisherConnack, granted, message }
//   { op: "hold", creds, timeoutMs }              -> { connack, disconnect, closedAfterMs }
// Prints one JSON line: { results: [ ... ] }. connack is 0 when accepted, else the CONNACK reason code.
import mqtt from 'mqtt';
import { readFileSync } from 'node:fs';

const spec = JSON.parse(process.argv[2]);
const ca = readFileSync(spec.ca);

function options(c) {
  return {
    protocolVersion: 5,
    clientId: c.clientId,
    username: c.username ?? undefined,
    password: c.password == null ? undefined : Buffer.from(c.password, 'base64'),
    properties: c.properties,
    ca,
    rejectUnauthorized: true,
    reconnectPeriod: 0,
    connectTimeout: 10000,
  };
}

async function connect(c) {
  try {
    const client = await mqtt.connectAsync(spec.url, options(c), false);
    return { client, connack: 0 };
  } catch (e) {
    return { client: null, connack: typeof e.code === 'number' ? e.code : -1, error: String(e.message) };
  }
}

function within(ms, promise, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms))]);
}

async function connectStep(step) {
  const { client, connack, error } = await connect(step.creds);
  if (client) await client.endAsync();
  return { connack, error };
}

async function pubsub(step) {
  const sub = await connect(step.subscriber);
  const pub = sub.client ? await connect(step.publisher) : { connack: -1 };
  const result = { subscriberConnack: sub.connack, publisherConnack: pub.connack };
  if (!sub.client || !pub.client) return result;
  const received = new Promise((resolve) => sub.client.on('message', (topic, payload, packet) => resolve({
    topic,
    payload: payload.toString('utf8'),
    userProperties: packet.properties?.userProperties ?? null,
    contentType: packet.properties?.contentType ?? null,
    responseTopic: packet.properties?.responseTopic ?? null,
    correlationData: packet.properties?.correlationData ? Buffer.from(packet.properties.correlationData).toString('hex') : null,
  })));
  const granted = await sub.client.subscribeAsync(step.topic, { qos: 1, properties: { userProperties: { origin: 'subscriber' } } });
  result.granted = granted.map((g) => g.qos);
  await pub.client.publishAsync(step.topic, step.message, {
    qos: 1,
    properties: {
      userProperties: { origin: 'publisher', trace: 'abc-123' },
      contentType: 'text/plain',
      responseTopic: 'devices/reply',
      correlationData: Buffer.from('c0ffee', 'hex'),
    },
  });
  result.message = await within(10000, received, 'message');
  await Promise.all([sub.client.endAsync(), pub.client.endAsync()]);
  return result;
}

async function hold(step) {
  const started = Date.now();
  const { client, connack } = await connect(step.creds);
  if (!client) return { connack };
  let disconnect = null;
  client.on('disconnect', (packet) => { disconnect = packet.reasonCode ?? 0; });
  await within(step.timeoutMs, new Promise((resolve) => client.on('close', resolve)), 'close');
  const closedAfterMs = Date.now() - started;
  client.end(true);
  return { connack, disconnect, closedAfterMs };
}

const ops = { connect: connectStep, pubsub, hold };
const results = [];
for (const step of spec.steps) {
  try {
    results.push(await ops[step.op](step));
  } catch (e) {
    results.push({ error: String(e.message) });
  }
}
console.log(JSON.stringify({ results }));
process.exit(0);
