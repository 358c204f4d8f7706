import { type ConnectClient, type CurrentMetricResult, GetCurrentMetricDataCommand } from '@aws-sdk/client-connect';
import type { Clock, QueueMetrics, QueueStatus } from '../../ports';

/** Connect accepts at most 100 queues per GetCurrentMetricData filter. */
const QUEUES_PER_REQUEST = 100;

const METRICS = [
  { Name: 'CONTACTS_IN_QUEUE', Unit: 'COUNT', field: 'contactsInQueue' },
  // Grouped by queue, OLDEST_CONTACT_AGE comes back in seconds (ungrouped it would be milliseconds).
  { Name: 'OLDEST_CONTACT_AGE', Unit: 'SECONDS', field: 'oldestContactAgeSeconds' },
  { Name: 'AGENTS_AVAILABLE', Unit: 'COUNT', field: 'agentsAvailable' },
] as const;

const ARN_ID = { instance: /^arn:[\w-]+:connect:[\w-]*:\d*:instance\/([\w-]+)/, queue: /^arn:[\w-]+:connect:[\w-]*:\d*:instance\/[\w-]+\/queue\/([\w-]+)$/ };

/** The instance or queue id in a Connect ARN; a bare id is returned as it is; anything else is undefined. */
export function connectIdOf(arnOrId: string, kind: 'instance' | 'queue'): string | undefined {
  if (!arnOrId.startsWith('arn:')) return /^[\w-]+$/.test(arnOrId) ? arnOrId : undefined;
  return ARN_ID[kind].exec(arnOrId)?.[1];
}

export class InvalidConnectInstanceError extends Error {
  constructor(value: string) {
    super(`"${value}" is not an Amazon Connect instance ARN or id: set CONNECT_INSTANCE_ARN to arn:aws:connect:<region>:<account>:instance/<id>`);
    this.name = 'InvalidConnectInstanceError';
  }
}

interface Entry {
  metrics: QueueMetrics;
  /** Epoch ms when Connect reported it. */
  at: number;
}

/**
 * Live queue status from Amazon Connect (GetCurrentMetricData, voice only), by queue ARN.
 * Answers are cached for `maxAgeSeconds` (per call; `ttlSeconds` when not given); a queue already being fetched is not fetched twice.
 * Queues Connect reports nothing for are quiet (zeros); values that are not queue ARNs are left out.
 */
export class ConnectQueueStatus implements QueueStatus {
  private readonly instanceId: string;
  private readonly cache = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Record<string, QueueMetrics>>>();

  constructor(
    private readonly connect: ConnectClient,
    instanceArnOrId: string,
    private readonly clock: Clock,
    private readonly ttlSeconds = 10,
  ) {
    const id = connectIdOf(instanceArnOrId, 'instance');
    if (!id) throw new InvalidConnectInstanceError(instanceArnOrId);
    this.instanceId = id;
  }

  async current(queueArns: string[], maxAgeSeconds = this.ttlSeconds): Promise<Record<string, QueueMetrics>> {
    const now = this.clock.now().getTime();
    const wanted = [...new Set(queueArns)].filter((arn) => connectIdOf(arn, 'queue'));
    const stale = wanted.filter((arn) => !this.inFlight.has(arn) && !this.isFresh(arn, now, maxAgeSeconds));
    if (stale.length > 0) {
      const fetching = this.fetch(stale, now);
      for (const arn of stale) this.inFlight.set(arn, fetching);
      void fetching.catch(() => undefined).finally(() => stale.forEach((arn) => this.inFlight.get(arn) === fetching && this.inFlight.delete(arn)));
    }
    const pending = new Set(wanted.map((arn) => this.inFlight.get(arn)).filter((p) => p !== undefined));
    const fetched = Object.assign({}, ...(await Promise.all(pending))) as Record<string, QueueMetrics>;
    const result: Record<string, QueueMetrics> = {};
    for (const arn of wanted) {
      const metrics = fetched[arn] ?? this.cache.get(arn)?.metrics;
      if (metrics) result[arn] = metrics;
    }
    return result;
  }

  private isFresh(arn: string, now: number, maxAgeSeconds: number): boolean {
    const entry = this.cache.get(arn);
    return entry !== undefined && now - entry.at < maxAgeSeconds * 1000;
  }

  private async fetch(queueArns: string[], now: number): Promise<Record<string, QueueMetrics>> {
    const byId = new Map(queueArns.map((arn) => [connectIdOf(arn, 'queue')!, arn]));
    const result: Record<string, QueueMetrics> = {};
    for (const arn of queueArns) result[arn] = { contactsInQueue: 0, oldestContactAgeSeconds: 0, agentsAvailable: 0 };
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
    for (const [arn, metrics] of Object.entries(result)) this.cache.set(arn, { metrics, at: now });
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
