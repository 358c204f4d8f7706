import { ConnectClient } from '@aws-sdk/client-connect';
import { ConnectQueueStatus } from '../adapters/connect/queue-status';
import { DynamoDbCallHistory } from '../adapters/dynamodb/call-history';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { DynamoDbDecisionStore } from '../adapters/dynamodb/decision-store';
import { DynamoDbPolicyStore } from '../adapters/dynamodb/policy-store';
import { DynamoDbProfileCache } from '../adapters/dynamodb/profile-cache';
import { tableName } from '../adapters/dynamodb/tables';
import { systemClock } from '../platform/clock';
import { logger, tracer } from '../platform/observability';
import { ENV } from '../platform/settings';
import { BUNDLED_POLICY, policyProvider } from '../platform/live-policy';
import type { RouteCallDeps } from './route-call';
import { assembleRouteCallDeps, LazyCallerDirectory } from './route-call-deps';

/**
 * The Salesforce side (jsforce, Secrets Manager) loads on the first cache miss, not at cold start:
 * a new container answering a cached caller never pays for it. Containers initialised ahead of
 * traffic (provisioned concurrency) load it at once.
 */
const loadSalesforce = async () => require('./salesforce-wiring') as typeof import('./salesforce-wiring');

/**
 * route-call's dependencies in AWS, built once per container from the environment the CDK stack
 * sets. Nothing here does I/O: Salesforce signs in on the first lookup. A missing setting never
 * stops the Lambda from loading: every call is then routed by the fallback, with the reason.
 */
export function createRouteCallDeps(env: NodeJS.ProcessEnv): RouteCallDeps {
  try {
    return awsDeps(env);
  } catch (error) {
    logger.error('route-call is misconfigured: every call gets the fallback route', { reason: (error as Error).message });
    return misconfiguredDeps((error as Error).message);
  }
}

function awsDeps(env: NodeJS.ProcessEnv): RouteCallDeps {
  const clock = systemClock;
  const doc = tracer.captureAWSv3Client(createDocumentClient(env));
  const secretArn = required(env, ENV.salesforceSecretArn);
  const instanceArn = required(env, ENV.connectInstanceArn);
  const policyStore = new DynamoDbPolicyStore(doc, tableName('Policy', env), clock, BUNDLED_POLICY.timing.policyRefreshSeconds);
  if (env.AWS_LAMBDA_INITIALIZATION_TYPE === 'provisioned-concurrency') void loadSalesforce();
  const directory = new LazyCallerDirectory(async () => {
    const policy = (await policyStore.current().catch(() => undefined))?.policy ?? BUNDLED_POLICY;
    const settings = { secretArn, clock, defaultCountry: policy.defaultCountry, personAccounts: env[ENV.salesforcePersonAccounts] === 'true' };
    return (await loadSalesforce()).connectCallerDirectory(settings);
  });
  const deadline = Number(env[ENV.routingDeadlineMs]);
  return assembleRouteCallDeps({
    directory,
    cache: new DynamoDbProfileCache(doc, tableName('Profiles', env), clock),
    decisions: new DynamoDbDecisionStore(doc, tableName('Contacts', env), clock),
    history: new DynamoDbCallHistory(doc, tableName('CallerHistory', env), clock),
    queues: new ConnectQueueStatus(tracer.captureAWSv3Client(new ConnectClient({ requestHandler: { connectionTimeout: 200, requestTimeout: 500 } })), instanceArn, clock, BUNDLED_POLICY.timing.queueStatusTtlSeconds),
    policy: policyProvider(policyStore),
    clock,
    ...(Number.isInteger(deadline) && deadline > 0 ? { deadlineMs: deadline } : {}),
  });
}

export class RouteCallConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RouteCallConfigurationError';
  }
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new RouteCallConfigurationError(`${name} is not set`);
  return value;
}

/** Every adapter fails with the configuration error, so each call gets the fallback route and the reason. */
function misconfiguredDeps(reason: string): RouteCallDeps {
  const fail = async (): Promise<never> => {
    throw new RouteCallConfigurationError(`misconfigured: ${reason}`);
  };
  return assembleRouteCallDeps({
    directory: { findCaller: fail },
    cache: { get: fail, put: fail, tryLease: fail },
    decisions: { save: fail, get: fail },
    history: { recent: fail, record: fail, setAgent: fail },
    queues: { current: fail },
    policy: async () => BUNDLED_POLICY,
    clock: systemClock,
  });
}
