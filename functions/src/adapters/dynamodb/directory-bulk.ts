import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  directoryRecordOf,
  DirectoryRecordError,
  refOf,
  withRef,
  type DirectoryEntity,
  type DirectoryRecord,
  type SalesforceFields,
} from '../../domain/directory/directory-records';
import { DIRECTORY_KEY, type NumberRef } from '../../domain/routing/caller-profile';
import { mapLimit } from '../../platform/rate-limiter';
import type { ManyApplied, StoredDirectoryRecord } from '../../ports';
import { batchGet } from './caller-directory';
import { batchWrite, childItem, childOf, readRefs, recomputeSummary, recordItem, type WriteRequest } from './directory-items';

/** Summaries recomputed at once after a batch of Cases or Opportunities. */
const SUMMARY_CONCURRENCY = 16;

interface Context {
  doc: DynamoDBDocumentClient;
  table: string;
  defaultCountry: string;
}

type RefChange = { put: NumberRef } | { remove: string };

/**
 * Many rows of one entity in a few batched calls (the load's path; memory is bounded by the batch):
 * one consistent BatchGetItem of the stored records (rows older than what is stored are skipped, so a load
 * running beside the change-event sync never undoes a newer change), one of the numbers they touch, then
 * BatchWriteItem: number items first, then record, Account and child items; then the touched summaries.
 * Re-applying a batch (a load resumed after a crash) writes the same items again.
 */
export async function applyMany(
  store: { records(ids: string[]): Promise<Map<string, StoredDirectoryRecord>> },
  ctx: Context,
  entity: DirectoryEntity,
  rows: Array<{ fields: SalesforceFields; version: number }>,
): Promise<{ result: ManyApplied; records: number; numbers: number }> {
  const result: ManyApplied = { applied: 0, stale: 0, rejected: [] };
  const latest = new Map<string, { fields: SalesforceFields; version: number; record: DirectoryRecord }>();
  for (const row of rows) {
    try {
      const record = directoryRecordOf(entity, row.fields, ctx.defaultCountry);
      const id = String(row.fields.Id);
      const seen = latest.get(id);
      if (!seen || seen.version <= row.version) latest.set(id, { ...row, record });
    } catch (error) {
      if (!(error instanceof DirectoryRecordError)) throw error;
      result.rejected.push({ id: typeof row.fields.Id === 'string' ? row.fields.Id : '', reason: error.message });
    }
  }
  const stored = await store.records([...latest.keys()]);
  const fresh = [...latest.entries()].filter(([id, row]) => !((stored.get(id)?.version ?? -1) > row.version));
  result.stale = latest.size - fresh.length;
  result.applied = fresh.length;

  const refChanges = new Map<string, RefChange[]>();
  const addChange = (n: string, change: RefChange) => refChanges.set(n, [...(refChanges.get(n) ?? []), change]);
  const writes: WriteRequest[] = [];
  const anchors = new Set<string>();
  let newRecords = 0;
  for (const [id, row] of fresh) {
    const before = stored.get(id);
    if (!before || before.deleted) newRecords++;
    const previous = before && !before.deleted ? directoryRecordOf(before.entity, before.fields, ctx.defaultCountry) : undefined;
    const { record } = row;
    const numbers = record.kind === 'caller' ? record.caller.numbers : [];
    if (record.kind === 'caller') for (const n of numbers) addChange(n, { put: refOf(record.caller) });
    if (previous?.kind === 'caller') for (const n of previous.caller.numbers.filter((o) => !numbers.includes(o))) addChange(n, { remove: id });
    writes.push({ PutRequest: { Item: recordItem(entity, row.fields, record, row.version) } });
    if (record.kind === 'caller' && record.account)
      writes.push({ PutRequest: { Item: { ...DIRECTORY_KEY.account(id), account: record.account, version: row.version } } });
    const now = childOf(record);
    const was = childOf(previous);
    if (now?.value.anchorId) {
      const item = childItem(now, row.version);
      writes.push(now.value.open ? { PutRequest: { Item: item } } : { DeleteRequest: { Key: { pk: String(item.pk), sk: String(item.sk) } } });
      anchors.add(now.value.anchorId);
    }
    if (was?.value.anchorId && was.value.anchorId !== now?.value.anchorId) {
      const item = childItem(was, row.version);
      writes.push({ DeleteRequest: { Key: { pk: String(item.pk), sk: String(item.sk) } } });
      anchors.add(was.value.anchorId);
    }
  }

  const { requests: numberWrites, delta } = await numberItems(ctx, refChanges);
  await batchWrite(ctx.doc, ctx.table, numberWrites);
  await batchWrite(ctx.doc, ctx.table, writes);
  await mapLimit([...anchors], SUMMARY_CONCURRENCY, (anchor) => recomputeSummary(ctx.doc, ctx.table, anchor));
  return { result, records: newRecords, numbers: delta };
}

/** The touched number items with their refs changed (read once, consistently); how many were created or emptied. */
async function numberItems(ctx: Context, changes: Map<string, RefChange[]>): Promise<{ requests: WriteRequest[]; delta: number }> {
  const items = await batchGet(
    ctx.doc,
    ctx.table,
    [...changes.keys()].map((n) => DIRECTORY_KEY.number(n)),
    true,
  );
  const current = new Map(items.map((item) => [String(item.pk).slice('PHONE#'.length), item]));
  const requests: WriteRequest[] = [];
  let delta = 0;
  for (const [n, list] of changes) {
    const item = current.get(n);
    const refs = list.reduce((acc, change) => withRef(acc, change), readRefs(item?.refs));
    const key = DIRECTORY_KEY.number(n);
    if (refs.length === 0) {
      if (item) {
        requests.push({ DeleteRequest: { Key: key } });
        delta--;
      }
      continue;
    }
    if (!item) delta++;
    requests.push({ PutRequest: { Item: { ...key, refs, rev: (typeof item?.rev === 'number' ? item.rev : 0) + 1 } } });
  }
  return { requests, delta };
}
