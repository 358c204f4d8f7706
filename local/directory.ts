import { DynamoDbDirectoryStore } from '../functions/src/adapters/dynamodb/directory-store';
import { BulkQueryJobs } from '../functions/src/adapters/salesforce/bulk-query';
import { loadDirectory, type LoadDirectoryDeps, type LoadSummary } from '../functions/src/directory/load-directory';
import type { LocalEnvironment } from './environment';

/**
 * The caller directory of a local environment, loaded from its emulator through Bulk API 2.0 (for `npm start`,
 * the benchmarks and the tests): after this, route-call decides from DynamoDB alone.
 */
export async function loadLocalDirectory(
  env: LocalEnvironment,
  onProgress?: LoadDirectoryDeps['onProgress'],
): Promise<LoadSummary & { salesforceRequests: number; store: DynamoDbDirectoryStore }> {
  const store = new DynamoDbDirectoryStore(env.tables.doc, env.tables.tableNames.CallerDirectory, env.policy.defaultCountry);
  // The emulator completes a job after a couple of status requests: poll without waiting.
  const bulk = new BulkQueryJobs(env.salesforce, { pollMs: 0, maxWaitMs: 60_000, streamTimeoutMs: 60_000, sleep: async () => undefined });
  const summary = await loadDirectory({ bulk, store, clock: env.deps.clock, personAccounts: true, ...(onProgress ? { onProgress } : {}) });
  return { ...summary, salesforceRequests: bulk.requests, store };
}
