// Runs a Lambda handler module for the local cloud, the way the Node.js Lambda runtime calls it:
// import the module once (cold start), then one invocation at a time: handler(event, context),
// awaiting a promise or a callback. Protocol: one JSON request per stdin line
// {id, event, context, nowMs}; one stdout line per answer, prefixed with MARK so that anything else
// the handler writes to stdout cannot be mistaken for an answer. console.* goes to stderr (the
// local stand-in for CloudWatch Logs). With nowMs set, Date.now() and new Date() read that instant
// during the invocation (the local cloud's virtual clock); the deployed code simply reads the time.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const MARK = '\u0001deviceauth-lambda ';
const [modulePath, handlerName] = process.argv.slice(2);
const RealDate = Date;

for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
  console[level] = (...args) => process.stderr.write(format(...args) + '\n');
}

function answer(message) {
  process.stdout.write(MARK + JSON.stringify(message) + '\n');
}

function errorType(e) {
  return e !== null && typeof e === 'object' && typeof e.name === 'string' ? e.name : typeof e;
}

function errorMessage(e) {
  const text = e !== null && typeof e === 'object' && typeof e.message === 'string' ? e.message : String(e);
  return text.length > 300 ? text.slice(0, 300) + '...' : text;
}

function withClock(nowMs, run) {
  if (typeof nowMs !== 'number') {
    return run();
  }

  class VirtualDate extends RealDate {
    constructor(...args) {
      super(...(args.length === 0 ? [nowMs] : args));
    }

    static now() {
      return nowMs;
    }
  }

  globalThis.Date = VirtualDate;
  return Promise.resolve().then(run).finally(() => {
    globalThis.Date = RealDate;
  });
}

function call(handler, event, context) {
  if (handler.length >= 3) {
    return new Promise((resolve, reject) => {
      const done = (error, result) => (error ? reject(error) : resolve(result));
      const returned = handler(event, context, done);
      if (returned && typeof returned.then === 'function') {
        returned.then(resolve, reject);
      }
    });
  }

  return handler(event, context);
}

async function invoke(request) {
  const started = RealDate.now();
  const context = {
    ...request.context,
    getRemainingTimeInMillis: () => Math.max(0, request.context.timeoutMs - (RealDate.now() - started)),
    callbackWaitsForEmptyEventLoop: true,
  };
  let result;
  try {
    result = await withClock(request.nowMs, () => call(handler, request.event, context));
  } catch (e) {
    console.error(`${errorType(e)}: ${errorMessage(e)}`);
    answer({ id: request.id, ok: false, errorType: errorType(e) });
    return;
  }

  let json;
  try {
    json = JSON.stringify(result === undefined ? null : result);
  } catch {
    json = undefined;
  }

  answer(json === undefined ? { id: request.id, ok: false, invalidResult: true } : { id: request.id, ok: true, result: JSON.parse(json) });
}

let handler;
try {
  const module = await import(pathToFileURL(modulePath).href);
  handler = module[handlerName];
  if (typeof handler !== 'function') {
    throw new TypeError(`the module exports no function '${handlerName}'`);
  }
} catch (e) {
  console.error(`init: ${errorType(e)}: ${errorMessage(e)}`);
  answer({ init: false, errorType: errorType(e) });
  process.exit(1);
}

answer({ init: true });
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(() => invoke(JSON.parse(line)));
});
