// Oracle: what the AWS SDK for JavaScript v3 (@aws-sdk/client-iot) itself serializes for an AWS IoT
// control-plane request, with no network. Usage:
//   node serialize-iot.mjs <CommandName> <input.json>
// The input is the request as `aws iot ... --cli-input-json` takes it (blobs such as
// mqttContext.password as Base64, the way the JSON protocol carries them). The script builds the
// SDK command, lets the SDK resolve the endpoint and serialize the request, captures the HTTP
// request at the build step (before signing, so no credentials are needed) and prints
// {"method","path","query","headers","body"} as JSON on stdout.
import { readFileSync } from "node:fs";
import * as iot from "@aws-sdk/client-iot";

const [commandName, inputFile] = process.argv.slice(2);
const Command = iot[`${commandName}Command`];
if (!Command) {
  console.error(`unknown command ${commandName}`);
  process.exit(2);
}

const input = JSON.parse(readFileSync(inputFile, "utf8"));
if (input.mqttContext?.password !== undefined) {
  // A blob member: the SDK takes bytes and Base64-encodes them itself.
  input.mqttContext.password = Uint8Array.from(Buffer.from(input.mqttContext.password, "base64"));
}

const client = new iot.IoTClient({ region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" } });
const captured = Symbol("captured");
client.middlewareStack.add(
  () => async (args) => {
    const r = args.request;
    // The JSON protocol's body is the serialized request, as a string or as UTF-8 bytes.
    const body = r.body == null ? null : typeof r.body === "string" ? r.body : Buffer.from(r.body).toString("utf8");
    process.stdout.write(JSON.stringify({ method: r.method, path: r.path, query: r.query ?? {}, headers: r.headers, body }));
    throw captured;
  },
  { step: "build", name: "captureRequest", priority: "low" },
);

try {
  await client.send(new Command(input));
  console.error("the request was not captured");
  process.exit(1);
} catch (e) {
  if (e !== captured) {
    console.error(`the SDK refused the input: ${e?.name}: ${e?.message}`);
    process.exit(1);
  }
}
