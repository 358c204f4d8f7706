import { type SyncConfigResult, syncConfig } from '../config-sync/sync-config';
import { createSyncConfigDeps } from '../config-sync/wiring';
import { logger, metrics, MetricUnit, publishMetrics } from '../platform/observability';

/**
 * sync-config (scheduled): the routing configuration in Salesforce custom metadata → the policy in
 * force (DynamoDB). An invalid configuration is logged with the record and field to fix, counted as
 * PolicyRejected, and not stored: routing keeps the last good policy. A failed read throws (the
 * schedule runs again; Lambda's Errors metric alarms).
 */
const deps = createSyncConfigDeps(process.env);

export const handler = async (): Promise<SyncConfigResult> => {
  try {
    const result = await syncConfig(deps);
    if (result.status !== 'rejected') logger.info('routing configuration synced', { status: result.status, version: result.version });
    if (result.handling && result.handling.status !== 'rejected')
      logger.info('handling standard synced', { status: result.handling.status, version: result.handling.version });
    return result;
  } catch (error) {
    logger.error('routing configuration could not be synced: the last good policy stays in force', {
      error: (error as Error).message,
      name: (error as Error).name,
    });
    metrics.addMetric('PolicySyncFailed', MetricUnit.Count, 1);
    throw error;
  } finally {
    publishMetrics();
  }
};
