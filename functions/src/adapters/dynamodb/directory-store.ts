import { DeleteCommand, GetCommand, PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  directoryRecordOf,
  type DirectoryEntity,
  type DirectoryRecord,
  DIRECTORY_ENTITIES,
  refOf,
  type SalesforceFields,
} from '../../domain/directory/directory-records';
import { DIRECTORY_KEY } from '../../domain/routing/caller-profile';
import type { ApplyOutcome, CallerDirectoryStore, DirectoryMeta, ManyApplied, StoredDirectoryRecord } from '../../ports';
import { batchGet } from './caller-directory';
import { applyMany } from './directory-bulk';
import { callTable, ttlAfter } from './client';
import { changeRef, childItem, childOf, isConditionFailure, type Item, readRefs, recomputeSummary, recordItem } from './directory-items';

/** How long a tombstone stops late events from resurrecting a deleted record (change events are kept 3 days). */
export const DIRECTORY_TOMBSTONE_DAYS = 30;

/** Writes only if the stored item is absent or not newer (equal versions re-apply: a redelivery finishes an interrupted write). */
const NOT_NEWER = { ConditionExpression: 'attribute_not_exists(pk) OR version <= :v' };

/**
 * The caller directory as the load, directory-sync and reconcile write it (item layout: DIRECTORY_KEY).
 * One change: the record item is read; an older version than the stored one changes nothing. A caller's new
 * numbers get their ref first, then the record item is written (conditional on its version), then refs of
 * numbers it no longer holds are removed: an interruption leaves at most a stale ref, which the call path
 * skips (the record item no longer lists the number) and the redelivered event completes.
 */
export class DynamoDbDirectoryStore implements CallerDirectoryStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    /** ISO 3166 country for numbers stored without a country code (the policy's defaultCountry). */
    private readonly defaultCountry: string,
  ) {}

  async apply(entity: DirectoryEntity, fields: SalesforceFields, version: number): Promise<ApplyOutcome> {
    const record = directoryRecordOf(entity, fields, this.defaultCountry);
    const id = String(fields.Id);
    const stored = (await this.records([id])).get(id);
    if (stored && stored.version > version) return 'stale';
    const previous = stored && !stored.deleted ? directoryRecordOf(stored.entity, stored.fields, this.defaultCountry) : undefined;
    const oldNumbers = previous?.kind === 'caller' ? previous.caller.numbers : [];
    const newNumbers = record.kind === 'caller' ? record.caller.numbers : [];
    let numberDelta = 0;
    if (record.kind === 'caller') for (const n of newNumbers) numberDelta += await changeRef(this.doc, this.table, n, { put: refOf(record.caller) });
    if (!(await this.putRecord(recordItem(entity, fields, record, version)))) return 'stale';
    for (const n of oldNumbers.filter((o) => !newNumbers.includes(o))) numberDelta += await changeRef(this.doc, this.table, n, { remove: id });
    if (record.kind === 'caller' && record.account) await this.putConditionally({ ...DIRECTORY_KEY.account(id), account: record.account, version }, version);
    await this.updateChild(record, previous, version);
    await this.addCounts(stored && !stored.deleted ? 0 : 1, numberDelta);
    return 'applied';
  }

  async remove(entity: DirectoryEntity, id: string, version: number): Promise<ApplyOutcome> {
    const stored = (await this.records([id])).get(id);
    if (stored && stored.version > version) return 'stale';
    const previous = stored && !stored.deleted ? directoryRecordOf(stored.entity, stored.fields, this.defaultCountry) : undefined;
    const tombstone = { ...DIRECTORY_KEY.record(id), entity, version, deleted: true, fields: { Id: id }, ttl: ttlAfter(DIRECTORY_TOMBSTONE_DAYS * 86_400) };
    if (!(await this.putRecord(tombstone))) return 'stale';
    let numberDelta = 0;
    if (previous?.kind === 'caller') {
      for (const n of previous.caller.numbers) numberDelta += await changeRef(this.doc, this.table, n, { remove: id });
      if (previous.account) await this.deleteConditionally(DIRECTORY_KEY.account(id), version);
    }
    await this.updateChild(undefined, previous, version);
    await this.addCounts(previous ? -1 : 0, numberDelta);
    return 'applied';
  }

  async records(ids: string[]): Promise<Map<string, StoredDirectoryRecord>> {
    const items = await batchGet(
      this.doc,
      this.table,
      [...new Set(ids)].map((id) => DIRECTORY_KEY.record(id)),
      true,
    );
    return new Map(
      items
        .map((item) => storedRecord(item))
        .filter((r): r is StoredDirectoryRecord => r !== undefined)
        .map((r) => [r.id, r]),
    );
  }

  async numbers(e164s: string[]): Promise<Map<string, string[]>> {
    const items = await batchGet(
      this.doc,
      this.table,
      [...new Set(e164s)].map((n) => DIRECTORY_KEY.number(n)),
      true,
    );
    return new Map(items.map((item) => [String(item.pk).slice('PHONE#'.length), readRefs(item.refs).map((r) => r.id)]));
  }

  async *liveRecords(): AsyncIterable<StoredDirectoryRecord> {
    let start: Item | undefined;
    do {
      const page = await callTable(this.table, 'Scan', () =>
        this.doc.send(
          new ScanCommand({
            TableName: this.table,
            FilterExpression: 'begins_with(pk, :rec) AND (attribute_not_exists(deleted) OR deleted = :no)',
            ExpressionAttributeValues: { ':rec': 'REC#', ':no': false },
            ExclusiveStartKey: start,
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const record = storedRecord(item);
        if (record) yield record;
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async applyMany(entity: DirectoryEntity, rows: Array<{ fields: SalesforceFields; version: number }>): Promise<ManyApplied> {
    const { result, records, numbers } = await applyMany(this, { doc: this.doc, table: this.table, defaultCountry: this.defaultCountry }, entity, rows);
    await this.addCounts(records, numbers);
    return result;
  }

  async meta(): Promise<DirectoryMeta> {
    const item =
      (await callTable(this.table, 'GetItem', () => this.doc.send(new GetCommand({ TableName: this.table, Key: DIRECTORY_KEY.meta, ConsistentRead: true }))))
        .Item ?? {};
    return {
      ready: item.ready === true,
      ...(typeof item.readyAt === 'string' ? { readyAt: item.readyAt } : {}),
      ...(typeof item.watermark === 'string' ? { watermark: item.watermark } : {}),
      ...(item.lastEvent ? { lastEvent: item.lastEvent as DirectoryMeta['lastEvent'] } : {}),
      counts: { records: Number(item.recordCount ?? 0), numbers: Number(item.numberCount ?? 0) },
      ...(item.load ? { load: item.load as DirectoryMeta['load'] } : {}),
    };
  }

  /** Sets the given META attributes (counts are kept by the writes themselves and are not set here). */
  async updateMeta(change: Partial<DirectoryMeta>): Promise<void> {
    const entries = Object.entries(change).filter(([name, value]) => name !== 'counts' && value !== undefined);
    if (entries.length === 0) return;
    await callTable(this.table, 'UpdateItem', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: DIRECTORY_KEY.meta,
          UpdateExpression: `SET ${entries.map((_, i) => `#n${i} = :v${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#n${i}`, name])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
        }),
      ),
    );
  }

  /** The META counts, moved by the writes that create or remove record and number items. */
  async addCounts(records: number, numbers: number): Promise<void> {
    if (records === 0 && numbers === 0) return;
    await callTable(this.table, 'UpdateItem', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: DIRECTORY_KEY.meta,
          UpdateExpression: 'ADD recordCount :r, numberCount :n',
          ExpressionAttributeValues: { ':r': records, ':n': numbers },
        }),
      ),
    );
  }

  /** A Case's or Opportunity's child item follows the record: written while open, removed when closed, deleted or moved; its summaries recomputed. */
  async updateChild(record: DirectoryRecord | undefined, previous: DirectoryRecord | undefined, version: number): Promise<void> {
    const now = childOf(record);
    const before = childOf(previous);
    if (now?.value.open && now.value.anchorId) await this.putConditionally(childItem(now, version), version);
    else if (now?.value.anchorId) await this.deleteConditionally(childItem(now, version) as { pk: string; sk: string }, version);
    if (before?.value.anchorId && before.value.anchorId !== now?.value.anchorId)
      await this.deleteConditionally(childItem(before, version) as { pk: string; sk: string }, version);
    for (const anchor of new Set([now?.value.anchorId, before?.value.anchorId].filter((a): a is string => !!a)))
      await recomputeSummary(this.doc, this.table, anchor);
  }

  private async putRecord(item: Item): Promise<boolean> {
    return this.putConditionally(item, Number(item.version));
  }

  private async putConditionally(item: Item, version: number): Promise<boolean> {
    try {
      await callTable(this.table, 'PutItem', () =>
        this.doc.send(new PutCommand({ TableName: this.table, Item: item, ...NOT_NEWER, ExpressionAttributeValues: { ':v': version } })),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async deleteConditionally(key: { pk: string; sk: string }, version: number): Promise<void> {
    try {
      await callTable(this.table, 'DeleteItem', () =>
        this.doc.send(
          new DeleteCommand({ TableName: this.table, Key: { pk: key.pk, sk: key.sk }, ...NOT_NEWER, ExpressionAttributeValues: { ':v': version } }),
        ),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

function storedRecord(item: Item): StoredDirectoryRecord | undefined {
  const id = String(item.pk).slice('REC#'.length);
  const entity = DIRECTORY_ENTITIES.find((e) => e === item.entity);
  if (!entity || typeof item.version !== 'number') return undefined;
  return { id, entity, version: item.version, deleted: item.deleted === true, fields: (item.fields ?? { Id: id }) as SalesforceFields };
}
