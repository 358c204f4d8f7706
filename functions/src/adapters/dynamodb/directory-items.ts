import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  summarise,
  withRef,
  type DirectoryCase,
  type DirectoryEntity,
  type DirectoryOpportunity,
  type DirectoryRecord,
  type SalesforceFields,
} from '../../domain/directory/directory-records';
import { DIRECTORY_KEY, NumberRefSchema, type NumberRef } from '../../domain/routing/caller-profile';
import { callTable } from './client';

/**
 * The caller directory's item operations shared by the one-change writer and the load's batches: number refs
 * (read-modify-write guarded by a revision), summaries recomputed from their children, batched writes.
 */

export type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };

/** BatchWriteItem takes at most 25 requests (DynamoDB API Reference, BatchWriteItem). */
export const BATCH_WRITE_MAX = 25;
/** Unprocessed items are sent again this many times, backing off, before the batch fails. */
const UNPROCESSED_RETRIES = 8;
/** Optimistic writes retried this many times when another writer changed the item in between. */
const CONTENDED_RETRIES = 12;

export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}

/** Writes any number of requests, 25 a call, `parallel` calls at once, sending UnprocessedItems again with backoff. */
export async function batchWrite(doc: DynamoDBDocumentClient, table: string, requests: WriteRequest[], parallel = 16): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_WRITE_MAX) chunks.push(requests.slice(i, i + BATCH_WRITE_MAX));
  for (let i = 0; i < chunks.length; i += parallel) await Promise.all(chunks.slice(i, i + parallel).map((chunk) => writeChunk(doc, table, chunk)));
}

async function writeChunk(doc: DynamoDBDocumentClient, table: string, chunk: WriteRequest[]): Promise<void> {
  let pending = chunk;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > UNPROCESSED_RETRIES)
      throw new Error(`DynamoDB table ${table} left ${pending.length} items of BatchWriteItem unprocessed after ${UNPROCESSED_RETRIES} retries`);
    if (attempt > 0) await sleep(Math.min(2_000, 25 * 2 ** attempt));
    const out = await callTable(table, 'BatchWriteItem', () => doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } })));
    pending = (out.UnprocessedItems?.[table] ?? []) as WriteRequest[];
  }
}

export function readRefs(value: unknown): NumberRef[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((ref) => {
    const parsed = NumberRefSchema.safeParse(ref);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Number items created (+1) or removed (−1) by a ref change, for the META counts. */
export type NumberDelta = -1 | 0 | 1;

/**
 * Adds, replaces or removes one record's ref on a number's item: read, change, write back only if no one
 * else wrote in between (`rev`), else again. The last ref gone removes the item.
 */
export async function changeRef(
  doc: DynamoDBDocumentClient,
  table: string,
  e164: string,
  change: { put: NumberRef } | { remove: string },
): Promise<NumberDelta> {
  const key = DIRECTORY_KEY.number(e164);
  for (let attempt = 0; attempt < CONTENDED_RETRIES; attempt++) {
    const current = (await callTable(table, 'GetItem', () => doc.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true })))).Item;
    const refs = readRefs(current?.refs);
    const next = withRef(refs, change);
    if (JSON.stringify(next) === JSON.stringify(refs)) return 0;
    const rev = typeof current?.rev === 'number' ? current.rev : 0;
    const guard = current
      ? { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': rev } }
      : { ConditionExpression: 'attribute_not_exists(pk)' };
    try {
      if (next.length === 0) {
        await callTable(table, 'DeleteItem', () => doc.send(new DeleteCommand({ TableName: table, Key: key, ...guard })));
        return current ? -1 : 0;
      }
      await callTable(table, 'PutItem', () => doc.send(new PutCommand({ TableName: table, Item: { ...key, refs: next, rev: rev + 1 }, ...guard })));
      return current ? 0 : 1;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw new Error(`DynamoDB table ${table}: a number item changed under ${CONTENDED_RETRIES} attempts to update it; the change will be retried`);
}

/** A child item of an anchor: one open Case or Opportunity, with the version it was written at. */
export function childItem(child: { kind: 'case'; value: DirectoryCase } | { kind: 'opportunity'; value: DirectoryOpportunity }, version: number): Item {
  const { anchorId, ...value } = child.value;
  return { ...DIRECTORY_KEY.child(anchorId, child.kind === 'case' ? 'CASE' : 'OPP', value.id), ...value, version };
}

/**
 * Recomputes an anchor's summary from its children (one consistent Query over the partition, which also
 * returns the summary's `rev`), then writes it only if no other writer did in between. Every child write is
 * followed by a recompute that reads after it, so the last summary written has seen every child.
 */
export async function recomputeSummary(doc: DynamoDBDocumentClient, table: string, anchorId: string): Promise<void> {
  const pk = DIRECTORY_KEY.summary(anchorId).pk;
  for (let attempt = 0; attempt < CONTENDED_RETRIES; attempt++) {
    const cases: DirectoryCase[] = [];
    const opportunities: DirectoryOpportunity[] = [];
    let rev: number | undefined;
    let start: Item | undefined;
    do {
      const page = await callTable(table, 'Query', () =>
        doc.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const sk = String(item.sk);
        if (sk === 'S') rev = typeof item.rev === 'number' ? item.rev : 0;
        else if (sk.startsWith('CASE#')) cases.push({ ...(item as unknown as DirectoryCase), anchorId, open: true });
        else if (sk.startsWith('OPP#')) opportunities.push({ ...(item as unknown as DirectoryOpportunity), anchorId, open: true });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    const summary = summarise(cases, opportunities);
    try {
      await callTable(table, 'UpdateItem', () =>
        doc.send(
          new UpdateCommand({
            TableName: table,
            Key: DIRECTORY_KEY.summary(anchorId),
            UpdateExpression: 'SET summary = :summary, rev = :next',
            ConditionExpression: rev === undefined ? 'attribute_not_exists(pk)' : 'rev = :rev',
            ExpressionAttributeValues: { ':summary': summary, ':next': (rev ?? 0) + 1, ...(rev === undefined ? {} : { ':rev': rev }) },
          }),
        ),
      );
      return;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw new Error(`DynamoDB table ${table}: a summary changed under ${CONTENDED_RETRIES} attempts to recompute it; the change will be retried`);
}

/** The record item: the Salesforce fields (to merge later updates into), the version, and for callers what the call path reads. */
export function recordItem(entity: DirectoryEntity, fields: SalesforceFields, record: DirectoryRecord, version: number): Item {
  const base = { ...DIRECTORY_KEY.record(String(fields.Id)), entity, version, fields, kind: record.kind };
  if (record.kind === 'caller') return { ...base, ...record.caller };
  if (record.kind === 'case') return { ...base, anchorId: record.case.anchorId };
  if (record.kind === 'opportunity') return { ...base, anchorId: record.opportunity.anchorId };
  return base;
}

export function childOf(record: DirectoryRecord | undefined): Parameters<typeof childItem>[0] | undefined {
  if (record?.kind === 'case') return { kind: 'case', value: record.case };
  if (record?.kind === 'opportunity') return { kind: 'opportunity', value: record.opportunity };
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
