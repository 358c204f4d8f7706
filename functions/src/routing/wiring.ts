import { DynamoDbCallHistory } from '../adapters/dynamodb/call-history';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { DynamoDbDecisionStore } from '../adapters/dynamodb/decision-store';
import { DynamoDbPolicyStore } from '../adapters/dynamodb/policy-store';
import { DynamoDbProfileCache } from '../adapters/dynamodb/profile-cache';
import { awsClientConfig, tableName, ENV, positiveIntegerSetting, quotaBreakerSettings, TIMEOUTS } from '../platform/settings';
import { systemClock } from '../platform/time';
import { BUNDLED_POLICY, livePolicyRefreshSeconds, policyProvider } from '../platform/live-policy';
import { logger, MetricUnit, metrics } from '../platform/observability';
import { DynamoDbQueueStatusStore, StoredQueueStatus } from '../adapters/dynamodb/queue-status-store';
import { connectIdOf, instanceArnOf } from '../domain/connect-arn';
import { fallbackOnlyPolicy } from '../domain/policy/policy';
import type { CallerDirectoryLookup, Clock, LiveCallerLookup, ProfileCache } from '../ports';
import { DynamoDbCallerDirectory } from '../adapters/dynamodb/caller-directory';
import { ProfileLoader, type ProfileLoaderOptions, QuotaBreaker, type QuotaBreakerEvent } from './profile-loader';
import type { SalesforceConnection } from '../adapters/salesforce/connection';
import { RouteCallConfigurationError, type RouteCallDeps } from './route-call';

/** The adapters route-call needs, however they were built (AWS, local environment, tests). */
export interface RouteCallParts extends Omit<RouteCallDeps, 'profiles'> {
  /** Salesforce asked live: while the caller directory is not ready, or when the policy says `live`. */
  liveLookup: LiveCallerLookup;
  /** The caller directory (DynamoDB); without it every lookup is live. */
  callerDirectory?: CallerDirectoryLookup;
  cache: ProfileCache;
  loader?: ProfileLoaderOptions;
}

/** Wires the parts into the use case's dependencies: the one place the profile loader is built. */
export function assembleRouteCallDeps(parts: RouteCallParts): RouteCallDeps {
  const { liveLookup, callerDirectory, cache, loader, ...rest } = parts;
  return { ...rest, profiles: new ProfileLoader(cache, liveLookup, parts.clock, loader, callerDirectory) };
}

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
    return misconfiguredDeps((error as Error).message, env);
  }
}

function awsDeps(env: NodeJS.ProcessEnv): RouteCallDeps {
  const clock = systemClock;
  const doc = createDocumentClient(env, TIMEOUTS.routingDynamoDb);
  const secretArn = required(env, ENV.salesforceSecretArn);
  const instanceArn = required(env, ENV.connectInstanceArn);
  const fallbackQueueArn = required(env, ENV.fallbackQueueArn);
  if (!fallbackQueueArn.startsWith('arn:') || !connectIdOf(fallbackQueueArn, 'queue') || instanceArnOf(fallbackQueueArn) !== instanceArn) {
    throw new RouteCallConfigurationError(`${ENV.fallbackQueueArn} is not a queue ARN of ${ENV.connectInstanceArn}`);
  }
  const fallbackPolicy = fallbackOnlyPolicy(BUNDLED_POLICY, fallbackQueueArn);
  // The stored policy is held for as long as it says (timing.policyRefreshSeconds).
  const policyStore = new DynamoDbPolicyStore(doc, tableName('Policy', env), clock, livePolicyRefreshSeconds);
  const policy = policyProvider(policyStore, fallbackPolicy);
  if (env[ENV.lambdaInitializationType] === 'provisioned-concurrency') loadSalesforceSide();
  const personAccounts = env[ENV.salesforcePersonAccounts] === 'true';
  let salesforce: SalesforceConnection | undefined;
  const directory = new LazyCallerDirectory(async () =>
    connectCallerDirectory(secretArn, clock, (await policy()).defaultCountry, personAccounts, (c) => (salesforce = c)),
  );
  const breaker = new QuotaBreaker(clock, quotaBreakerSettings(env), () => salesforce?.apiUsage, reportBreaker);
  const deadlineMs = positiveIntegerSetting(env, ENV.routingDeadlineMs);
  return assembleRouteCallDeps({
    liveLookup: directory,
    callerDirectory: new DynamoDbCallerDirectory(doc, tableName('CallerDirectory', env), clock),
    cache: new DynamoDbProfileCache(doc, tableName('Profiles', env), clock),
    decisions: new DynamoDbDecisionStore(doc, tableName('Contacts', env), clock),
    history: new DynamoDbCallHistory(doc, tableName('CallerHistory', env), clock),
    // The one refresher's snapshot: route-call never asks Connect for metrics itself.
    queues: new StoredQueueStatus(new DynamoDbQueueStatusStore(doc, tableName('QueueStatus', env)), clock),
    policy,
    fallbackPolicy,
    clock,
    loader: { breaker },
    ...(deadlineMs ? { deadlineMs } : {}),
  });
}

/** The breaker's pauses and resumes are logged and counted; each API usage it reads is a metric (the alarm's). */
function reportBreaker(event: QuotaBreakerEvent): void {
  if (event.type === 'usage') return void metrics.addMetric('SalesforceApiUsagePercent', MetricUnit.Percent, event.percent);
  if (event.type === 'paused')
    logger.warn('Salesforce lookups paused: calls are routed as unknown callers until a probe lookup succeeds', { code: event.code });
  else logger.info('Salesforce lookups resumed');
  metrics.addMetric(event.type === 'paused' ? 'SalesforceLookupsPaused' : 'SalesforceLookupsResumed', MetricUnit.Count, 1);
}

/**
 * The Salesforce side (jsforce, the Secrets Manager client) is most of the bundle's load time, so it
 * is required on the first cache miss, not at cold start: a new container answering a cached caller
 * never pays for it. Containers initialised ahead of traffic (provisioned concurrency) load it at once.
 */
function loadSalesforceSide() {
  return {
    secretsManager: require('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager'),
    signIn: require('../adapters/salesforce/connection') as typeof import('../adapters/salesforce/connection'),
    directory: require('../adapters/salesforce/caller-directory') as typeof import('../adapters/salesforce/caller-directory'),
  };
}

async function connectCallerDirectory(
  secretArn: string,
  clock: Clock,
  defaultCountry: string,
  personAccounts: boolean,
  connected: (salesforce: SalesforceConnection) => void,
): Promise<LiveCallerLookup> {
  const { secretsManager, signIn, directory } = loadSalesforceSide();
  const salesforce = signIn.salesforceFromSecret(new secretsManager.SecretsManagerClient(awsClientConfig(TIMEOUTS.secretsManager)), secretArn, {
    timeoutMs: TIMEOUTS.routingSalesforceMs,
  });
  await salesforce.ready();
  connected(salesforce);
  return new directory.SalesforceCallerDirectory(salesforce, clock, { defaultCountry, personAccounts });
}

/**
 * A directory that connects to Salesforce on first use (not at module load, so a cold start never
 * waits for Secrets Manager or a sign-in before the first call needs it); a failed connect is retried
 * on the next call.
 */
export class LazyCallerDirectory implements LiveCallerLookup {
  private directory: Promise<LiveCallerLookup> | undefined;

  constructor(private readonly connect: () => Promise<LiveCallerLookup>) {}

  async findCaller(phoneE164: string) {
    this.directory ??= this.connect().catch((error: unknown) => {
      this.directory = undefined;
      throw error;
    });
    return (await this.directory).findCaller(phoneE164);
  }
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new RouteCallConfigurationError(`${name} is not set`);
  return value;
}

/**
 * Every adapter fails with the configuration error, so each call gets the fallback route and the
 * reason: the deployment's fallback queue if it is set, else an empty queue ARN (the flow's error branch).
 */
function misconfiguredDeps(reason: string, env: NodeJS.ProcessEnv): RouteCallDeps {
  const fallbackPolicy = fallbackOnlyPolicy(BUNDLED_POLICY, connectIdOf(env[ENV.fallbackQueueArn] ?? '', 'queue') ? env[ENV.fallbackQueueArn]! : '');
  const fail = async (): Promise<never> => {
    throw new RouteCallConfigurationError(`misconfigured: ${reason}`);
  };
  return assembleRouteCallDeps({
    liveLookup: { findCaller: fail },
    callerDirectory: { lookup: fail },
    cache: { get: fail, put: fail, tryLease: fail },
    decisions: { save: fail, get: fail },
    history: { recent: fail, record: fail, setAgent: fail },
    queues: { current: fail },
    policy: async () => fallbackPolicy,
    fallbackPolicy,
    clock: systemClock,
  });
}
