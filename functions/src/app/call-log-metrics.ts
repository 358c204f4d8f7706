import { outcomeDataPoints } from '../domain/call-metrics';
import type { CallOutcome } from '../domain/outcome';
import { metrics, MetricUnit } from '../observability';

/** Publishes an outcome's metrics (Powertools EMF), by queue and intent. */
export function publishOutcomeMetrics(outcome: CallOutcome, phase: 'logged' | 'analysed'): void {
  const single = metrics.singleMetric();
  single.addDimensions({ queue: outcome.queueName || 'none', intent: outcome.intent || 'unknown' });
  const points = outcomeDataPoints(outcome).filter((p) => (phase === 'analysed') === (p.name === 'TalkListenRatio'));
  const units = { Count: MetricUnit.Count, Seconds: MetricUnit.Seconds, None: MetricUnit.NoUnit } as const;
  for (const p of points) single.addMetric(p.name, units[p.unit], p.value);
  single.publishStoredMetrics();
}
