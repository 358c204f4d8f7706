import { connectSalesforce, type SalesforceConnection } from '../functions/src/adapters/salesforce/connection';
import { SalesforceCallerDirectory } from '../functions/src/adapters/salesforce/caller-directory';
import { DynamoDbCallHistory } from '../functions/src/adapters/dynamodb/call-history';
import { DynamoDbDecisionStore } from '../functions/src/adapters/dynamodb/decision-store';
import { DynamoDbProfileCache } from '../functions/src/adapters/dynamodb/profile-cache';
import { DynamoDbCallerDirectory } from '../functions/src/adapters/dynamodb/caller-directory';
import { SimulatedQueueStatus } from './fakes/queue-status-simulated';
import { systemClock } from '../functions/src/platform/time';
import { BUNDLED_POLICY } from '../functions/src/platform/live-policy';
import type { RouteCallDeps } from '../functions/src/routing/route-call';
import { assembleRouteCallDeps } from '../functions/src/routing/wiring';
import { QuotaBreaker, type QuotaBreakerEvent, type QuotaBreakerOptions } from '../functions/src/routing/profile-loader';
import { QUOTA_BREAKER } from '../functions/src/platform/settings';
import type { RoutingPolicy } from '../functions/src/domain/policy/policy';
import type { LiveCallerLookup, Clock, ProfileCache } from '../functions/src/ports';
import { randomUUID } from 'node:crypto';
import { type DynamoDbLocal, openDynamoDbLocal } from './dynamodb';
import { createTestCredentials, type SalesforceEmulator, startSalesforceEmulator } from './salesforce-emulator';

/**
 * The local environment route-call runs against in `callwise route`, `npm start`, the benchmarks
 * and the integration tests: DynamoDB Local with the stack's tables, the Salesforce emulator seeded
 * with the demo org (reached through real jsforce), and simulated queue status.
 */
export interface LocalEnvironmentOptions {
  /** Added to every Salesforce response (ms). */
  latencyMs?: number;
  clock?: Clock;
  policy?: RoutingPolicy;
  deadlineMs?: number;
  /** Salesforce request timeout (ms); default: the deadline. */
  salesforceTimeoutMs?: number;
  /** Replace the Salesforce directory (the benchmark's baseline uses its own). */
  directory?: (salesforce: SalesforceConnection) => LiveCallerLookup;
  /** Use this running DynamoDB (Local) instead of starting one; tables get a fresh prefix. */
  dynamoDbEndpoint?: string;
  /** Replace the DynamoDB profile cache (the benchmark's baseline has none). */
  profileCache?: ProfileCache;
  /** The org's daily API allowance (default: the emulator's). */
  apiLimit?: number;
  /** Pause live lookups as route-call in AWS does (QuotaBreaker, defaults QUOTA_BREAKER); off unless given, so benchmarks measure every lookup. */
  quotaBreaker?: { options?: Partial<QuotaBreakerOptions>; report?: (event: QuotaBreakerEvent) => void };
}

export interface LocalEnvironment {
  deps: RouteCallDeps;
  emulator: SalesforceEmulator;
  /** The jsforce connection to the emulator, signed in with the JWT bearer flow. */
  salesforce: SalesforceConnection;
  queues: SimulatedQueueStatus;
  policy: RoutingPolicy;
  tables: DynamoDbLocal;
  stop(): Promise<void>;
}

export async function startLocalEnvironment(options: LocalEnvironmentOptions = {}): Promise<LocalEnvironment> {
  const [dynamo, emulator] = await Promise.all([
    openDynamoDbLocal(options.dynamoDbEndpoint, { tablePrefix: `callwise-${randomUUID().slice(0, 8)}-` }),
    startSalesforceEmulator({ org: 'demo', latencyMs: options.latencyMs ?? 0, ...(options.apiLimit ? { apiLimit: options.apiLimit } : {}) }),
  ]);
  const stop = async () => void (await Promise.all([dynamo.stop(), emulator.stop()]));
  try {
    const clock = options.clock ?? systemClock;
    const policy = options.policy ?? BUNDLED_POLICY;
    const timeoutMs = options.salesforceTimeoutMs ?? options.deadlineMs ?? policy.timing.deadlineMs;
    const salesforce = await connectSalesforce(createTestCredentials(emulator.url), { timeoutMs });
    const directory = options.directory
      ? options.directory(salesforce)
      : new SalesforceCallerDirectory(salesforce, clock, { defaultCountry: policy.defaultCountry, personAccounts: true });
    const queues = new SimulatedQueueStatus();
    const breaker =
      options.quotaBreaker &&
      new QuotaBreaker(clock, { ...QUOTA_BREAKER, ...options.quotaBreaker.options }, () => salesforce.apiUsage, options.quotaBreaker.report);
    const deps = assembleRouteCallDeps({
      liveLookup: directory,
      callerDirectory: new DynamoDbCallerDirectory(dynamo.doc, dynamo.tableNames.CallerDirectory, clock),
      cache: options.profileCache ?? new DynamoDbProfileCache(dynamo.doc, dynamo.tableNames.Profiles, clock),
      decisions: new DynamoDbDecisionStore(dynamo.doc, dynamo.tableNames.Contacts, clock),
      history: new DynamoDbCallHistory(dynamo.doc, dynamo.tableNames.CallerHistory, clock),
      queues,
      policy: async () => policy,
      clock,
      ...(breaker ? { loader: { breaker } } : {}),
      ...(options.deadlineMs ? { deadlineMs: options.deadlineMs } : {}),
    });
    return { deps, emulator, salesforce, queues, policy, tables: dynamo, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
