import { MalformedChangeEventError, parseChangeEvent, type ChangeEvent, type DirectoryEntity } from '../domain/directory/change-event';
import { foldChanges, planChange, type HeldRecord, type RecordChange } from '../domain/directory/change-apply';
import type { InboundMessage } from '../call-logging/call-log-sync';
import type { CallerDirectoryStore, Clock, DeadLetterQueue } from '../ports';
import { mapLimit } from '../platform/rate-limiter';
import { CONCURRENCY, DEFAULT_MAX_RECEIVES } from '../platform/settings';
import { readCurrent, type SalesforceRecords } from './read-current';

/** What directory-sync needs: the directory, Salesforce (gap events), the entity reconcile (overflow) and the dead-letter queue. */
export interface DirectorySyncDeps {
  store: Pick<CallerDirectoryStore, 'apply' | 'remove' | 'records' | 'updateMeta'>;
  salesforce: SalesforceRecords;
  /** Overflow events: an incremental reconcile of the entity since the watermark. */
  reconcile(entity: DirectoryEntity): Promise<void>;
  deadLetters: DeadLetterQueue;
  clock: Clock;
  /** The fields the directory keeps of an entity (the load's SELECT list). */
  fields(entity: DirectoryEntity): readonly string[];
  maxReceives?: number;
}

export interface SyncOutcome {
  /** Message ids to hand back to the queue (SQS partial batch response). */
  failedMessageIds: string[];
  parked: number;
  /** Record writes that changed the directory. */
  applied: number;
  /** Changes older than (or the same as) what the directory held: no-ops. */
  stale: number;
  /** Records read from Salesforce (gap events, UPDATEs that could not be merged). */
  refetched: number;
  reconciled: DirectoryEntity[];
}

const keyOf = (entity: DirectoryEntity, id: string) => `${entity}:${id}`;

interface Work {
  /** Changes per record key, and the messages each record's changes came from. */
  changes: Map<string, RecordChange[]>;
  refetch: Map<DirectoryEntity, Map<string, number>>;
  reconcile: Set<DirectoryEntity>;
  messagesOf: Map<string, Set<string>>;
  events: Array<{ event: ChangeEvent; messageId: string }>;
}

/**
 * directory-sync: a batch of relayed change events → the caller directory. Events are grouped per record
 * and applied in commit order onto what the directory holds (one read for the batch, one write per record);
 * repeated and stale events change nothing; gap events and unmergeable UPDATEs read the records from
 * Salesforce (one query per entity); overflow events reconcile the entity. A malformed event is parked with
 * its reason; a failed write hands its messages back to SQS, and is parked after the last receive.
 */
export async function syncChanges(messages: InboundMessage[], deps: DirectorySyncDeps): Promise<SyncOutcome> {
  const work: Work = { changes: new Map(), refetch: new Map(), reconcile: new Set(), messagesOf: new Map(), events: [] };
  const failed = new Set<string>();
  let parked = 0;
  for (const message of messages) {
    try {
      plan(message.messageId, parseChangeEvent(jsonOf(message.body)), work, deps);
    } catch (error) {
      if (await park(message, (error as Error).message, deps)) parked++;
      else failed.add(message.messageId);
    }
  }
  const failedKeys = new Set<string>();
  const held = await deps.store.records([...new Set([...work.changes.keys()].map((key) => key.slice(key.indexOf(':') + 1)))]);
  let applied = 0;
  let stale = 0;
  await mapLimit([...work.changes], CONCURRENCY.contactUpdates, async ([key, changes]) => {
    const [first] = changes;
    if (!first) return;
    const stored = held.get(first.id);
    const folded = foldChanges(stored && stored.entity === first.entity ? (stored as HeldRecord) : undefined, changes);
    stale += folded.stale;
    if (folded.refetch) addRefetch(work, first.entity, first.id, Math.max(...changes.map((c) => c.version)));
    if (!folded.write) return;
    try {
      const outcome =
        folded.write.kind === 'remove'
          ? await deps.store.remove(first.entity, first.id, folded.write.version)
          : await deps.store.apply(first.entity, folded.write.fields, folded.write.version);
      if (outcome === 'applied') applied += folded.applied;
      else stale += folded.applied;
    } catch {
      failedKeys.add(key);
    }
  });
  const current = await readCurrent(work.refetch, deps);
  for (const key of current.failedKeys) failedKeys.add(key);
  applied += current.applied;
  stale += current.stale;
  const reconciled: DirectoryEntity[] = [];
  for (const entity of work.reconcile) {
    try {
      await deps.reconcile(entity);
      reconciled.push(entity);
    } catch {
      failedKeys.add(keyOf(entity, '*'));
    }
  }
  for (const key of failedKeys) for (const id of work.messagesOf.get(key) ?? []) failed.add(id);
  parked += await settle(messages, failed, deps);
  await recordLastEvent(
    work.events.filter((e) => !failed.has(e.messageId)).map((e) => e.event),
    deps,
  );
  return { failedMessageIds: [...failed], parked, applied, stale, refetched: current.read, reconciled };
}

/** The body as JSON; what is not JSON is named without echoing it (a body may hold a phone number). */
function jsonOf(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new MalformedChangeEventError('the message body is not JSON');
  }
}

/** Parks a message with its reason; false when the dead-letter queue is unreachable (the message is then retried). */
async function park(message: InboundMessage, reason: string, deps: DirectorySyncDeps): Promise<boolean> {
  return deps.deadLetters.park({ body: message.body, source: 'change-event', reason }).then(
    () => true,
    () => false,
  );
}

function plan(messageId: string, event: ChangeEvent, work: Work, deps: DirectorySyncDeps): void {
  const { changes, followUps } = planChange(event, deps.fields);
  const note = (key: string) => work.messagesOf.set(key, (work.messagesOf.get(key) ?? new Set()).add(messageId));
  for (const change of changes) {
    const key = keyOf(change.entity, change.id);
    work.changes.set(key, [...(work.changes.get(key) ?? []), change]);
    note(key);
  }
  for (const followUp of followUps) {
    if (followUp.kind === 'reconcile') {
      work.reconcile.add(followUp.entity);
      note(keyOf(followUp.entity, '*'));
      continue;
    }
    for (const id of followUp.ids) {
      addRefetch(work, followUp.entity, id, followUp.version);
      note(keyOf(followUp.entity, id));
    }
  }
  work.events.push({ event, messageId });
}

function addRefetch(work: Work, entity: DirectoryEntity, id: string, version: number): void {
  const ids = work.refetch.get(entity) ?? new Map<string, number>();
  ids.set(id, Math.max(ids.get(id) ?? 0, version));
  work.refetch.set(entity, ids);
}

/** Failed messages past their last receive are parked with the reason; the rest go back to the queue. */
async function settle(messages: InboundMessage[], failed: Set<string>, deps: DirectorySyncDeps): Promise<number> {
  let parked = 0;
  for (const message of messages) {
    if (!failed.has(message.messageId) || message.receiveCount < (deps.maxReceives ?? DEFAULT_MAX_RECEIVES)) continue;
    if (await park(message, `The change event was not applied after ${message.receiveCount} attempts: the directory or Salesforce did not answer`, deps)) {
      failed.delete(message.messageId);
      parked++;
    }
  }
  return parked;
}

/** The directory's meta item names the newest change event applied (status shows it, with its age). */
async function recordLastEvent(events: ChangeEvent[], deps: DirectorySyncDeps): Promise<void> {
  const newest = events.reduce<ChangeEvent | undefined>((best, e) => (!best || e.commitTimestamp > best.commitTimestamp ? e : best), undefined);
  if (!newest) return;
  await deps.store
    .updateMeta({ lastEvent: { commitTimestamp: newest.commitTimestamp, replayId: newest.eventId, appliedAt: deps.clock.now().toISOString() } })
    .catch(() => undefined);
}
