import { reconcileDirectory, type ReconcileResult } from '../directory/reconcile';
import { reconcileDeps } from '../directory/wiring';
import { logger, MetricUnit, metrics } from '../platform/observability';

/**
 * reconcile-directory (scheduled): the records changed in Salesforce since the directory's watermark, written
 * by version, then the watermark moved on. A failed run throws (the watermark stays; the next run reads the
 * same changes; Lambda's Errors metric alarms).
 */
export const handler = async (): Promise<ReconcileResult> => {
  try {
    const result = await reconcileDirectory(await reconcileDeps());
    logger.info('caller directory reconciled', { since: result.since, watermark: result.watermark, records: result.records, written: result.written });
    metrics.addMetric('DirectoryRecordsReconciled', MetricUnit.Count, result.written);
    return result;
  } catch (error) {
    logger.error('caller directory not reconciled: the watermark stays, the next run reads the same changes', {
      error: (error as Error).message,
      name: (error as Error).name,
    });
    throw error;
  } finally {
    metrics.publishStoredMetrics();
  }
};
