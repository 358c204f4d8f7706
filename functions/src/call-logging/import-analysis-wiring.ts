import { DynamoDbHandlingStandardStore } from '../adapters/dynamodb/handling-standard-store';
import { BUNDLED_HANDLING_STANDARD } from '../platform/live-handling-standard';
import { logger } from '../platform/observability';
import { tableName } from '../platform/settings';
import { systemClock } from '../platform/time';
import type { CallLoggingDeps } from './call-log-sync';
import { callLoggingDeps, callLoggingDepsAreLocal, dynamo } from './wiring';

/**
 * import-analysis's dependencies: call logging's, plus the call-handling standard admins synced from
 * Salesforce (the bundled default until the first sync). Apart from wiring.ts so that log-outcome does
 * not load the standard.
 */
let standards: DynamoDbHandlingStandardStore | undefined;

export async function importAnalysisDeps(): Promise<CallLoggingDeps> {
  const deps = await callLoggingDeps();
  if (callLoggingDepsAreLocal()) return deps;
  standards ??= new DynamoDbHandlingStandardStore(dynamo, tableName('Policy', process.env), systemClock, 60, (errors) =>
    logger.error('stored handling standard is not valid: the bundled one scores calls', { errors }),
  );
  const store = standards;
  return { ...deps, handlingStandard: async () => (await store.current())?.standard ?? BUNDLED_HANDLING_STANDARD };
}
