import { mulberry32 } from '../synthetic/mulberry32';
import { ORG_ID } from './auth';
import type { ChangeEventHeader, ChangeEventMessage, ChangeListener, ChangeType } from './change-events';

/**
 * A local Event Relay: takes the emulator's change events and delivers them to a sink wrapped as Amazon EventBridge
 * events from the relay's partner event source (`aws.partner/salesforce.com/<orgId>/<channelId>`, Object Reference
 * "EventRelayFeedback.RemoteResource"; `detail-type` the event name, the body in `detail.payload`; fixtures in
 * test/fixtures/event-relay). Delivery is as EventBridge → SQS makes it: at least once (seeded duplicates) and not
 * in order (seeded shuffles within a window). Nothing moves until `flush()`: no timers, no wall clock.
 */

export interface EventRelayEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: { payload: ChangeEventMessage['payload']; schemaId: string; id: string };
}

export type EventRelaySink = (envelopes: EventRelayEnvelope[]) => Promise<void>;

export interface EventRelayOptions {
  /** The emulator's org and the relay's channel id: the partner event source name. */
  orgId?: string;
  channelId?: string;
  account?: string;
  region?: string;
  /** Envelopes per sink call (an SQS batch); 10 by default. */
  batchSize?: number;
  /** Share of events delivered a second time, later in the same flush (0 by default). */
  duplicateRate?: number;
  /** Envelopes are shuffled within consecutive windows of this many (1 = in order, the default). */
  reorderWindow?: number;
  seed?: number;
  /** When an injected gap or overflow event says it was committed; by default the latest commit the relay has seen. */
  clock?: () => number;
}

export interface RelaySource {
  onChangeEvent(listener: ChangeListener): () => void;
}

export const DEFAULT_CHANNEL_ID = '0YLDm0000000001AAA';

export class EventRelay {
  private queue: EventRelayEnvelope[] = [];
  private readonly random: () => number;
  private readonly unsubscribe: () => void;
  private injected = 0;
  private delivered = 0;
  private lastSeen = 0;
  readonly source: string;

  constructor(
    emulator: RelaySource,
    private readonly sink: EventRelaySink,
    private readonly options: EventRelayOptions = {},
  ) {
    this.source = `aws.partner/salesforce.com/${options.orgId ?? ORG_ID}/${options.channelId ?? DEFAULT_CHANNEL_ID}`;
    this.random = mulberry32(options.seed ?? 1);
    this.unsubscribe = emulator.onChangeEvent((message) => {
      this.lastSeen = Math.max(this.lastSeen, message.payload.ChangeEventHeader.commitTimestamp);
      this.queue.push(this.envelope(message));
    });
  }

  /** Envelopes waiting for the next flush. */
  pending(): number {
    return this.queue.length;
  }

  /** Envelopes handed to the sink so far (duplicates included). */
  deliveredCount(): number {
    return this.delivered;
  }

  /** Queues a gap event ("Gap Events": header only, the record ids, no fields) as if Salesforce had sent it. */
  injectGap(
    entityName: string,
    recordIds: string[],
    changeType: Extract<ChangeType, `GAP_${string}`> = 'GAP_UPDATE',
    commitTimestamp = this.lastCommit(),
  ): EventRelayEnvelope {
    if (changeType === 'GAP_OVERFLOW') return this.injectOverflow(entityName, commitTimestamp);
    return this.inject(entityName, recordIds, changeType, commitTimestamp);
  }

  /** Queues an overflow event ("Overflow Events": GAP_OVERFLOW, header only, the object in entityName, no record ids). */
  injectOverflow(entityName: string, commitTimestamp = this.lastCommit()): EventRelayEnvelope {
    return this.inject(entityName, [], 'GAP_OVERFLOW', commitTimestamp);
  }

  /**
   * Delivers everything queued: duplicates added and windows shuffled (seeded), then batches in turn, each awaited.
   * A batch the sink rejects goes back to the front of the queue with everything after it (redelivered by the next
   * flush: at least once), and flush rejects with the sink's error.
   */
  async flush(): Promise<{ delivered: number; batches: number }> {
    const batchSize = Math.max(1, this.options.batchSize ?? 10);
    const order = this.disorder(this.withDuplicates(this.queue.splice(0)));
    let delivered = 0;
    let batches = 0;
    for (let i = 0; i < order.length; i += batchSize) {
      const batch = order.slice(i, i + batchSize);
      try {
        await this.sink(batch.map((e) => structuredClone(e)));
      } catch (error) {
        this.queue.unshift(...order.slice(i));
        throw error;
      }
      delivered += batch.length;
      batches++;
      this.delivered += batch.length;
    }
    return { delivered, batches };
  }

  /** Stops listening to the emulator; queued envelopes stay until flushed. */
  stop(): void {
    this.unsubscribe();
  }

  private envelope(message: ChangeEventMessage): EventRelayEnvelope {
    const header = message.payload.ChangeEventHeader;
    return {
      version: '0',
      id: uuid('ebe7', message.event.replayId),
      'detail-type': `${header.entityName}ChangeEvent`,
      source: this.source,
      account: this.options.account ?? '123456789012',
      // EventBridge time has whole seconds; the relay publishes after the commit, never before it.
      time: new Date(Math.ceil(header.commitTimestamp / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      region: this.options.region ?? 'eu-west-1',
      resources: [],
      detail: { payload: message.payload, schemaId: message.schema, id: uuid('e7e7', message.event.replayId) },
    };
  }

  private inject(entityName: string, recordIds: string[], changeType: ChangeType, commitTimestamp: number): EventRelayEnvelope {
    const n = ++this.injected;
    const header: ChangeEventHeader = {
      entityName,
      recordIds: [...recordIds],
      changeType,
      changeOrigin: '',
      transactionKey: `0000a9a9-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      sequenceNumber: 1,
      commitTimestamp,
      commitNumber: 20_000_000_000 + n,
      commitUser: ORG_ID.replace(/^00D/, '005'),
      nulledFields: [],
      diffFields: [],
      changedFields: [],
    };
    const envelope = this.envelope({ schema: 'GapEventSchemaAAAAAAAAA', payload: { ChangeEventHeader: header }, event: { replayId: 1_000_000 + n } });
    this.queue.push(envelope);
    return envelope;
  }

  private lastCommit(): number {
    return this.options.clock?.() ?? this.lastSeen;
  }

  /** Each envelope, with probability duplicateRate, again at a later random position. */
  private withDuplicates(envelopes: EventRelayEnvelope[]): EventRelayEnvelope[] {
    const rate = this.options.duplicateRate ?? 0;
    const out = [...envelopes];
    for (let i = 0; i < envelopes.length; i++) {
      if (rate <= 0 || this.random() >= rate) continue;
      const at = i + 1 + Math.floor(this.random() * (out.length - i));
      out.splice(Math.min(at, out.length), 0, envelopes[i]!);
    }
    return out;
  }

  /** Seeded Fisher–Yates within consecutive windows of reorderWindow envelopes. */
  private disorder(envelopes: EventRelayEnvelope[]): EventRelayEnvelope[] {
    const window = Math.max(1, this.options.reorderWindow ?? 1);
    const out = [...envelopes];
    for (let start = 0; start < out.length; start += window) {
      const end = Math.min(out.length, start + window);
      for (let i = end - 1; i > start; i--) {
        const j = start + Math.floor(this.random() * (i - start + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
    }
    return out;
  }
}

function uuid(prefix: string, n: number): string {
  return `${prefix}0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
