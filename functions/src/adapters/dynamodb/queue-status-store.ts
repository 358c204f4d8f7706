import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queueStatusStaleAfterSeconds } from '../../domain/routing/route-rules';
import type { Clock, QueueMetrics, QueueSnapshot, QueueSnapshotStore, QueueStatus } from '../../ports';
import { callTable } from './client';

const CURRENT_ID = 'current';

/**
 * The deployment's queue status in the QueueStatus table: one item `current` { fetchedAt, metrics by
 * queue ARN }, written by the one refresher (refresh-queue-status), read by every route-call container.
 */
export class DynamoDbQueueStatusStore implements QueueSnapshotStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(snapshot: QueueSnapshot): Promise<void> {
    await callTable(this.tableName, 'PutItem', () => this.doc.send(new PutCommand({ TableName: this.tableName, Item: { id: CURRENT_ID, ...snapshot } })));
  }

  async read(): Promise<QueueSnapshot | undefined> {
    const out = await callTable(this.tableName, 'GetItem', () => this.doc.send(new GetCommand({ TableName: this.tableName, Key: { id: CURRENT_ID } })));
    const item = out.Item;
    if (!item || typeof item.fetchedAt !== 'string' || typeof item.metrics !== 'object' || item.metrics === null) return undefined;
    return { fetchedAt: item.fetchedAt, metrics: item.metrics as Record<string, QueueMetrics> };
  }
}

/**
 * route-call's queue status: the refresher's snapshot, never Connect itself, so metric calls do not
 * grow with the number of warm containers. A container reads the item at most once per `rereadMs`
 * (concurrent calls share the read); a snapshot older than queueStatusStaleAfterSeconds counts as none.
 */
export class StoredQueueStatus implements QueueStatus {
  private last: { snapshot: QueueSnapshot | undefined; readAt: number } | undefined;
  private reading: Promise<QueueSnapshot | undefined> | undefined;

  constructor(
    private readonly store: Pick<QueueSnapshotStore, 'read'>,
    private readonly clock: Clock,
    private readonly rereadMs = 1000,
  ) {}

  async current(queueArns: string[], ttlSeconds = 10): Promise<Record<string, QueueMetrics>> {
    const now = this.clock.now().getTime();
    const snapshot = await this.snapshot(now);
    const age = snapshot ? now - Date.parse(snapshot.fetchedAt) : Number.NaN;
    if (!snapshot || !(age <= queueStatusStaleAfterSeconds(ttlSeconds) * 1000)) return {};
    return Object.fromEntries(queueArns.filter((arn) => Object.hasOwn(snapshot.metrics, arn)).map((arn) => [arn, snapshot.metrics[arn]!]));
  }

  private async snapshot(now: number): Promise<QueueSnapshot | undefined> {
    if (this.last && now - this.last.readAt < this.rereadMs) return this.last.snapshot;
    this.reading ??= this.store
      .read()
      .then((snapshot) => {
        this.last = { snapshot, readAt: now };
        return snapshot;
      })
      .finally(() => (this.reading = undefined));
    return this.reading;
  }
}
