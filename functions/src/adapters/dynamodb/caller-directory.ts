import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type CallerProfile,
  contextIdsOf,
  DIRECTORY_KEY,
  DIRECTORY_REFS_READ,
  type DirectoryRead,
  NumberRefSchema,
  profileFromDirectory,
  type NumberRef,
} from '../../domain/routing/caller-profile';
import type { CallerDirectoryLookup, Clock } from '../../ports';
import { callTable } from './client';

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };

/** BatchGetItem takes at most 100 keys (DynamoDB API Reference, BatchGetItem). */
export const BATCH_GET_MAX_KEYS = 100;
/** Unprocessed keys are asked again this many times before the lookup fails. */
const UNPROCESSED_RETRIES = 3;
/**
 * Once META says ready, a container takes it as ready this long without reading META again. Only a completed load
 * sets the flag, and nothing clears it; the re-read is there for a table an operator empties and loads afresh.
 */
export const READY_RECHECK_MS = 60_000;

/**
 * The caller directory as route-call reads it, in two DynamoDB round trips:
 *   1. BatchGetItem: the number's item, and the META item (is the directory ready?) unless read in the last minute;
 *   2. BatchGetItem: the best refs' record items and their context items (Account, open Cases, Opportunities).
 * Only when every ref read in 2 is stale (a crash between two writes left it behind) does it read the next refs.
 * Reads are eventually consistent: a change lands in the directory about a second before routing sees it.
 */
export class DynamoDbCallerDirectory implements CallerDirectoryLookup {
  /** Until when (epoch ms, by the clock) the directory is taken as ready without reading META. */
  private readyUntil = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async lookup(phoneE164: string): Promise<{ ready: false } | { ready: true; profile: CallerProfile }> {
    const now = this.clock.now().getTime();
    const readMeta = now >= this.readyUntil;
    const first = await batchGet(this.doc, this.tableName, [DIRECTORY_KEY.number(phoneE164), ...(readMeta ? [DIRECTORY_KEY.meta] : [])]);
    if (readMeta) {
      if (first.find((i) => i.pk === DIRECTORY_KEY.meta.pk)?.ready !== true) return { ready: false };
      this.readyUntil = now + READY_RECHECK_MS;
    }
    const number = first.find((i) => i.pk !== DIRECTORY_KEY.meta.pk);
    const refs = readRefs(number?.refs);
    const fetchedAt = new Date(now).toISOString();
    for (let start = 0; start < refs.length; start += DIRECTORY_REFS_READ) {
      const slice = refs.slice(start, start + DIRECTORY_REFS_READ);
      const read = await this.readRefs(slice);
      const profile = profileFromDirectory(phoneE164, read, fetchedAt);
      // The count of matches stays the number's, as the live lookup counts every record holding it.
      if (profile.known) return { ready: true, profile: { ...profile, matchCount: profile.matchCount + Math.max(0, refs.length - start - slice.length) } };
    }
    return { ready: true, profile: profileFromDirectory(phoneE164, { refs: [], records: new Map(), accounts: new Map(), summaries: new Map() }, fetchedAt) };
  }

  private async readRefs(refs: NumberRef[]): Promise<DirectoryRead> {
    const contextIds = [...new Set(refs.flatMap((ref) => contextIdsOf(ref)))];
    const keys = [...refs.map((r) => DIRECTORY_KEY.record(r.id)), ...contextIds.flatMap((id) => [DIRECTORY_KEY.account(id), DIRECTORY_KEY.summary(id)])];
    const read: DirectoryRead = { refs, records: new Map(), accounts: new Map(), summaries: new Map() };
    for (const item of await batchGet(this.doc, this.tableName, keys)) {
      const [prefix, id = ''] = String(item.pk).split('#', 2);
      if (prefix === 'REC') read.records.set(id, item);
      else if (item.sk === 'A') read.accounts.set(id, item);
      else if (item.sk === 'S') read.summaries.set(id, item);
    }
    return read;
  }
}

function readRefs(value: unknown): NumberRef[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((ref) => {
    const parsed = NumberRefSchema.safeParse(ref);
    return parsed.success ? [parsed.data] : [];
  });
}

/** BatchGetItem over any number of keys (100 at a time, in parallel), asking again for unprocessed keys. */
export async function batchGet(doc: DynamoDBDocumentClient, table: string, keys: Key[], consistent = false): Promise<Item[]> {
  const chunks: Key[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_MAX_KEYS) chunks.push(keys.slice(i, i + BATCH_GET_MAX_KEYS));
  const pages = await Promise.all(chunks.map((chunk) => batchGetChunk(doc, table, chunk, consistent)));
  return pages.flat();
}

async function batchGetChunk(doc: DynamoDBDocumentClient, table: string, keys: Key[], consistent: boolean): Promise<Item[]> {
  const items: Item[] = [];
  let pending: Key[] = keys;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > UNPROCESSED_RETRIES)
      throw new Error(`DynamoDB table ${table} left ${pending.length} keys of BatchGetItem unprocessed after ${UNPROCESSED_RETRIES} retries`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt));
    const out = await callTable(table, 'BatchGetItem', () =>
      doc.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: consistent } } })),
    );
    items.push(...((out.Responses?.[table] ?? []) as Item[]));
    pending = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
  }
  return items;
}
