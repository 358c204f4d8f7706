import { ConnectClient } from '@aws-sdk/client-connect';
import { ConnectQueueMetrics } from '../adapters/connect/queue-status';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { DynamoDbPolicyStore } from '../adapters/dynamodb/policy-store';
import { DynamoDbQueueStatusStore } from '../adapters/dynamodb/queue-status-store';
import { systemClock } from '../platform/time';
import { BUNDLED_POLICY, livePolicyRefreshSeconds, policyProvider } from '../platform/live-policy';
import { tracer } from '../platform/tracing';
import { awsClientConfig, ENV, tableName, TIMEOUTS } from '../platform/settings';
import type { RefreshQueueStatusDeps } from './refresh-queue-status';

/**
 * The refresher's dependencies in AWS. Without a policy in force it refreshes no queue: the bundled
 * policy's are demo queues of another instance (ConnectQueueMetrics leaves out queues of other instances).
 */
export function createRefreshQueueStatusDeps(env: NodeJS.ProcessEnv): RefreshQueueStatusDeps {
  const instanceArn = env[ENV.connectInstanceArn];
  if (!instanceArn) throw new Error(`${ENV.connectInstanceArn} is not set: the queue-status refresher needs the Connect instance`);
  // A scheduled job, not the call path: DynamoDB and Connect may take their time (one attempt: the next refresh is the retry).
  const doc = tracer.captureAWSv3Client(createDocumentClient(env, TIMEOUTS.configDynamoDb));
  const connect = tracer.captureAWSv3Client(new ConnectClient(awsClientConfig(TIMEOUTS.refresherConnect)));
  return {
    connect: new ConnectQueueMetrics(connect, instanceArn),
    store: new DynamoDbQueueStatusStore(doc, tableName('QueueStatus', env)),
    policy: policyProvider(
      new DynamoDbPolicyStore(doc, tableName('Policy', env), systemClock, livePolicyRefreshSeconds),
      BUNDLED_POLICY,
      TIMEOUTS.configDynamoDb.requestTimeoutMs,
    ),
    clock: systemClock,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
