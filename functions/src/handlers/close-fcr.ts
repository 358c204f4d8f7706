import { closeDueFirstCallWindows } from '../call-logging/close-fcr';
import { callLoggingDeps } from '../call-logging/wiring';
import { systemClock } from '../platform/time';
import { logger, metrics, MetricUnit, publishMetrics } from '../platform/observability';

/**
 * close-fcr (EventBridge schedule): closes the first-call-resolution windows that have run out; a call
 * with no repeat inside the window is resolved and its Call Task gets Callwise_First_Call_Resolution__c
 * = true. A Task Salesforce refused keeps the resolution in the contact state for its next write.
 */
export const handler = async (): Promise<{ resolved: number; written: number; failed: number }> => {
  const result = await closeDueFirstCallWindows(systemClock.now(), await callLoggingDeps());
  logger.info('first-call-resolution windows closed', result);
  metrics.addMetric('FcrWindowsClosed', MetricUnit.Count, result.resolved);
  publishMetrics();
  return result;
};
