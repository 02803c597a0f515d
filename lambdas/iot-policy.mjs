// The AWS IoT policy the custom authorizer returns for an authenticated device: connect with its own
// client id, publish/receive on its topics, subscribe to its topic filters. Topic patterns come from
// TOPIC_PATTERNS with {deviceId} replaced by the device id of the verified token.
import { ConfigurationError, list } from './config.mjs';

const PATTERN = /^[A-Za-z0-9/_:.$#+*{}-]{1,256}$/;
const POLICY_MAX = 2048;

/**
 * TOPIC_PATTERNS (default devices/{deviceId}/*), POLICY_REGION and POLICY_ACCOUNT_ID (default: those
 * of the invoked function's ARN).
 * @param {Record<string, string | undefined>} env
 */
export function readPolicyConfig(env) {
  const topicPatterns = list(env, 'TOPIC_PATTERNS') ?? ['devices/{deviceId}/*'];
  for (const pattern of topicPatterns) {
    if (!PATTERN.test(pattern) || pattern.replaceAll('{deviceId}', '').includes('{') || pattern.replaceAll('{deviceId}', '').includes('}')) {
      throw new ConfigurationError('TOPIC_PATTERNS: each pattern is 1-256 characters of topic text, with {deviceId} as the only placeholder');
    }
  }

  const region = env.POLICY_REGION || null;
  const account = env.POLICY_ACCOUNT_ID || null;
  if (account !== null && !/^[0-9]{12}$/.test(account)) {
    throw new ConfigurationError('POLICY_ACCOUNT_ID must be a 12-digit account id');
  }

  if (region !== null && !/^[a-z0-9-]{1,32}$/.test(region)) {
    throw new ConfigurationError('POLICY_REGION must be a region name such as eu-west-1');
  }

  const config = { topicPatterns, region, account };
  const longest = buildPolicy('arn:aws-us-gov:iot:ap-southeast-4:123456789012', 'x'.repeat(128), 'x'.repeat(128), config);
  if (longest.length > POLICY_MAX) {
    throw new ConfigurationError(`TOPIC_PATTERNS: the policy for a 128-character device id would exceed ${POLICY_MAX} characters`);
  }

  return config;
}

/**
 * arn:<partition>:iot:<region>:<account> for the policy's resources: POLICY_REGION/POLICY_ACCOUNT_ID
 * when set, else the region and account of the invoked function (context.invokedFunctionArn), else '*'.
 * @param {string | undefined} invokedFunctionArn
 * @param {{region: string | null, account: string | null}} config
 */
export function iotArnPrefix(invokedFunctionArn, config) {
  const m = /^arn:([a-z-]+):lambda:([a-z0-9-]+):([0-9]{12}):function:/.exec(invokedFunctionArn ?? '');
  const partition = m ? m[1] : 'aws';
  return `arn:${partition}:iot:${config.region ?? (m ? m[2] : '*')}:${config.account ?? (m ? m[3] : '*')}`;
}

/**
 * The policy document (a JSON string) for one device.
 * @param {string} arnPrefix arn:<partition>:iot:<region>:<account>
 * @param {string} deviceId the verified device id
 * @param {string | null} clientId the MQTT client id to allow iot:Connect for; null for HTTP
 * @param {{topicPatterns: string[]}} config
 */
export function buildPolicy(arnPrefix, deviceId, clientId, config) {
  const topics = config.topicPatterns.map((p) => p.replaceAll('{deviceId}', deviceId));
  const statements = [];
  if (clientId !== null) {
    statements.push({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${arnPrefix}:client/${clientId}` });
  }

  statements.push({ Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: topics.map((t) => `${arnPrefix}:topic/${t}`) });
  statements.push({ Effect: 'Allow', Action: 'iot:Subscribe', Resource: topics.map((t) => `${arnPrefix}:topicfilter/${t}`) });
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
