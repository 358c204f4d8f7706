import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { ENV } from './settings';

/**
 * Logger and Metrics, created once with one service name and imported everywhere.
 * Logs carry ids, counts and reasons only: never a phone number or a name.
 * X-Ray's SDK is not here but in `tracing.ts`, imported only where it is worth its cost (see there).
 */
export const serviceName = process.env[ENV.serviceName] ?? 'callwise';
const namespace = process.env[ENV.metricsNamespace] ?? 'Callwise';

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({ serviceName, namespace });

export { MetricUnit };

/** Flushes the metrics added during this invocation as one EMF line; an invocation that added none prints nothing. */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
