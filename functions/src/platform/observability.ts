import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { ENV } from './settings';

/**
 * Logger, Metrics and Tracer, created once with one service name and imported everywhere.
 * Logs carry ids, counts and reasons only: never a phone number or a name.
 */
const serviceName = process.env[ENV.serviceName] ?? 'callwise';
const namespace = process.env[ENV.metricsNamespace] ?? 'Callwise';

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({ serviceName, namespace });
export const tracer = new Tracer({ serviceName, enabled: process.env[ENV.traceEnabled] !== 'false' && !!process.env[ENV.lambdaFunctionName] });

export { MetricUnit };

/** Flushes the metrics added during this invocation as one EMF line; an invocation that added none prints nothing. */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/**
 * Runs `work` in an X-Ray subsegment named `## name` (Lambda's own segment takes no annotations),
 * annotated by `annotate` with what it returned. Without tracing (local runs) it just runs `work`.
 */
export async function traced<T>(
  name: string,
  work: () => Promise<T>,
  annotate: (result: T) => Record<string, string | number | boolean> = () => ({}),
): Promise<T> {
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  const subsegment = parent?.addNewSubsegment(`## ${name}`);
  if (subsegment) tracer.setSegment(subsegment);
  try {
    const result = await work();
    if (subsegment) for (const [key, value] of Object.entries(annotate(result))) tracer.putAnnotation(key, value);
    return result;
  } catch (error) {
    subsegment?.addError(error as Error);
    throw error;
  } finally {
    subsegment?.close();
    if (parent) tracer.setSegment(parent);
  }
}
