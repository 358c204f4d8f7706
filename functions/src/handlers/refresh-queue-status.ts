import { refreshQueueStatus, type RefreshRun, RUN_FOR_MS } from '../routing/refresh-queue-status';
import { createRefreshQueueStatusDeps } from '../routing/refresh-queue-status-wiring';
import { logger, metrics, MetricUnit, publishMetrics } from '../platform/observability';

/**
 * refresh-queue-status (scheduled every minute, reserved concurrency 1): the one reader of Connect
 * queue metrics for the whole deployment. Each run refreshes for RUN_FOR_MS, then ends before the
 * next run starts; route-call reads what it stores.
 */
const deps = createRefreshQueueStatusDeps(process.env);

export const handler = async (): Promise<RefreshRun> => {
  try {
    const run = await refreshQueueStatus(deps, RUN_FOR_MS);
    metrics.addMetric('QueueStatusRefreshes', MetricUnit.Count, run.refreshes);
    metrics.addMetric('QueueStatusRefreshFailures', MetricUnit.Count, run.failures.length);
    if (run.failures.length > 0)
      logger.warn('queue status not refreshed every time: route-call uses the last snapshot until it is stale', { failures: run.failures.slice(0, 5) });
    return run;
  } finally {
    publishMetrics();
  }
};
