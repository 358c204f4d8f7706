import { type ConnectClient, type CurrentMetricResult, GetCurrentMetricDataCommand } from '@aws-sdk/client-connect';
import { connectIdOf, instanceArnOf } from '../../domain/connect-arn';
import type { QueueMetrics, QueueMetricsSource } from '../../ports';

export { connectIdOf };

/** Connect accepts at most 100 queues per GetCurrentMetricData filter. */
const QUEUES_PER_REQUEST = 100;

const METRICS = [
  { Name: 'CONTACTS_IN_QUEUE', Unit: 'COUNT', field: 'contactsInQueue' },
  // Grouped by queue, OLDEST_CONTACT_AGE comes back in seconds (ungrouped it would be milliseconds).
  { Name: 'OLDEST_CONTACT_AGE', Unit: 'SECONDS', field: 'oldestContactAgeSeconds' },
  { Name: 'AGENTS_AVAILABLE', Unit: 'COUNT', field: 'agentsAvailable' },
] as const;

export class InvalidConnectInstanceError extends Error {
  constructor(value: string) {
    super(`"${value}" is not an Amazon Connect instance ARN or id: set CONNECT_INSTANCE_ARN to arn:aws:connect:<region>:<account>:instance/<id>`);
    this.name = 'InvalidConnectInstanceError';
  }
}

/**
 * Live queue metrics from Amazon Connect (GetCurrentMetricData, voice only), by queue ARN, asked
 * each time (the deployment's one refresher decides how often). Queues Connect reports nothing for
 * are quiet (zeros); values that are not queue ARNs of this instance are left out (Connect would not
 * know them). No queue to ask: no request.
 */
export class ConnectQueueMetrics implements QueueMetricsSource {
  private readonly instanceId: string;
  private readonly instanceArn: string | undefined;

  constructor(
    private readonly connect: ConnectClient,
    instanceArnOrId: string,
  ) {
    const id = connectIdOf(instanceArnOrId, 'instance');
    if (!id) throw new InvalidConnectInstanceError(instanceArnOrId);
    this.instanceId = id;
    this.instanceArn = instanceArnOf(instanceArnOrId);
  }

  async fetch(queueArns: string[]): Promise<Record<string, QueueMetrics>> {
    const ours = [...new Set(queueArns)].filter(
      (arn) => connectIdOf(arn, 'queue') && arn.startsWith('arn:') && (!this.instanceArn || instanceArnOf(arn) === this.instanceArn),
    );
    const byId = new Map(ours.map((arn) => [connectIdOf(arn, 'queue')!, arn]));
    const result: Record<string, QueueMetrics> = {};
    for (const arn of ours) result[arn] = { contactsInQueue: 0, oldestContactAgeSeconds: 0, agentsAvailable: 0 };
    const ids = [...byId.keys()];
    for (let i = 0; i < ids.length; i += QUEUES_PER_REQUEST) {
      let nextToken: string | undefined;
      do {
        const out = await this.connect.send(
          new GetCurrentMetricDataCommand({
            InstanceId: this.instanceId,
            Filters: { Queues: ids.slice(i, i + QUEUES_PER_REQUEST), Channels: ['VOICE'] },
            Groupings: ['QUEUE'],
            CurrentMetrics: METRICS.map(({ Name, Unit }) => ({ Name, Unit })),
            MaxResults: 100,
            NextToken: nextToken,
          }),
        );
        for (const row of out.MetricResults ?? []) {
          const arn = arnOf(row, byId);
          if (arn) result[arn] = { ...result[arn]!, ...metricsOf(row) };
        }
        nextToken = out.NextToken;
      } while (nextToken);
    }
    return result;
  }
}

function arnOf(row: CurrentMetricResult, byId: Map<string, string>): string | undefined {
  const queue = row.Dimensions?.Queue;
  return (queue?.Id && byId.get(queue.Id)) || (queue?.Arn && byId.get(connectIdOf(queue.Arn, 'queue') ?? '')) || undefined;
}

function metricsOf(row: CurrentMetricResult): Partial<QueueMetrics> {
  const metrics: Partial<QueueMetrics> = {};
  for (const collection of row.Collections ?? []) {
    const metric = METRICS.find((m) => m.Name === collection.Metric?.Name);
    const value = collection.Value;
    if (metric && typeof value === 'number' && Number.isFinite(value)) metrics[metric.field] = Math.max(0, Math.round(value));
  }
  return metrics;
}
