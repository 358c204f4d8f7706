import { Metrics } from '@aws-lambda-powertools/metrics';
import { outcomeDataPoints } from '../domain/outcome/call-metrics';
import type { CallOutcome } from '../domain/outcome/outcome';
import { MetricUnit } from '../platform/observability';

/**
 * Publishes an outcome's metrics (Powertools EMF), by queue and intent, as one EMF line.
 * A dedicated Metrics instance per line: singleMetric would flush after its first data point.
 */
const units = { Count: MetricUnit.Count, Seconds: MetricUnit.Seconds, None: MetricUnit.NoUnit } as const;

export function publishOutcomeMetrics(outcome: CallOutcome, phase: 'logged' | 'analysed'): void {
  const line = new Metrics({
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'callwise',
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Callwise',
    defaultDimensions: { queue: outcome.queueName || 'none', intent: outcome.intent || 'unknown' },
  });
  const points = outcomeDataPoints(outcome).filter((p) => (phase === 'analysed') === (p.name === 'TalkListenRatio'));
  for (const p of points) line.addMetric(p.name, units[p.unit], p.value);
  if (points.length) line.publishStoredMetrics();
}
