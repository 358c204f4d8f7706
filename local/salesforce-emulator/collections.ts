import { SalesforceApiError, invalidField, recordError, type RecordError } from './errors';
import type { ApiContext, ApiRequest, ApiResponse } from './api-context';
import { requireSObject, type SaveResult } from './writes';
import type { Row } from './store';

/** sObject Collections: create, update, upsert on an external ID, retrieve and delete, up to 200 records. */

export const COLLECTION_LIMIT = 200;

const ROLLED_BACK = recordError(
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'Record rolled back because not all records were valid and the request was using AllOrNone header',
);

function recordsOf(body: unknown): { allOrNone: boolean; records: Row[] } {
  const b = body as { allOrNone?: unknown; records?: unknown } | undefined;
  if (!b || !Array.isArray(b.records)) throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'Expected a JSON object with a records array');
  if (b.records.length > COLLECTION_LIMIT)
    throw new SalesforceApiError(400, 'EXCEEDED_ID_LIMIT', `Record limit exceeded. A maximum of ${COLLECTION_LIMIT} records is allowed per request.`);
  if (b.records.some((r) => !r || typeof r !== 'object' || Array.isArray(r)))
    throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'Each record must be a JSON object');
  return { allOrNone: b.allOrNone === true, records: b.records as Row[] };
}

function typeOf(ctx: ApiContext, record: Row, fallback?: string): string {
  const type = (record.attributes as { type?: unknown } | undefined)?.type ?? fallback;
  if (typeof type !== 'string') throw new SalesforceApiError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
  return requireSObject(ctx.store, type);
}

function idsParam(req: ApiRequest): string[] {
  return (req.query.get('ids') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function handleCollections(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const [, , sobjectName, externalField] = req.segments;
  if (req.method === 'GET' && sobjectName)
    return retrieve(ctx, req, requireSObject(ctx.store, sobjectName), idsParam(req), (req.query.get('fields') ?? '').split(','));
  if (req.method === 'POST' && sobjectName) {
    // Retrieve many: POST {ids, fields} (URLs too long for GET).
    const body = req.body as { ids?: unknown; fields?: unknown } | undefined;
    if (!Array.isArray(body?.ids) || !Array.isArray(body?.fields))
      throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'Expected {ids: [...], fields: [...]}');
    return retrieve(ctx, req, requireSObject(ctx.store, sobjectName), body.ids.map(String), body.fields.map(String));
  }
  if (req.method === 'DELETE') return { status: 200, body: idsParam(req).map((id) => ctx.writer.delete(id)) };
  const { allOrNone, records } = recordsOf(req.body);
  const upsertType = req.method === 'PATCH' && sobjectName && externalField ? requireSObject(ctx.store, sobjectName) : undefined;
  if (req.method === 'PATCH' && sobjectName && !externalField)
    throw new SalesforceApiError(400, 'INVALID_URL', 'Upsert needs /composite/sobjects/{SObject}/{ExternalIdField}');
  const prepared = records.map((record) => {
    const sobject = typeOf(ctx, record, upsertType);
    return { sobject, fields: ctx.writer.fieldsOf(sobject, record) };
  });
  const field = upsertType ? ctx.store.schemas.canonical(upsertType, externalField ?? '') : undefined;
  if (upsertType && !field) throw new SalesforceApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${externalField}`);
  const restore = allOrNone ? ctx.store.snapshot() : undefined;
  const duplicates = field ? duplicateKeys(prepared.map((p) => p.fields[field])) : new Set<unknown>();
  const results: SaveResult[] = prepared.map(({ sobject, fields }) => {
    const fault = ctx.faults.forRecord();
    if (fault) return { success: false, errors: [fault] };
    if (req.method === 'POST') return ctx.writer.create(sobject, fields);
    if (!field) return ctx.writer.update(sobject, fields.Id, fields);
    // StatusCode reference: DUPLICATE_VALUE is a value repeated where it must be unique (here, within the request);
    // DUPLICATE_EXTERNAL_ID is an external ID that matches more than one record during an upsert.
    if (duplicates.has(fields[field]))
      return { success: false, errors: [recordError('DUPLICATE_VALUE', `Duplicate external id specified: ${String(fields[field])}`, [field])] };
    const outcome = ctx.writer.upsert(sobject, field, fields);
    if ('multiple' in outcome)
      return {
        success: false,
        errors: [recordError('DUPLICATE_EXTERNAL_ID', `more than one record found for external id field: ${JSON.stringify(outcome.multiple)}`, [field])],
      };
    return outcome;
  });
  if (restore && results.some((r) => !r.success)) {
    restore();
    return { status: 200, body: results.map((r) => (r.success ? { success: false, errors: [ROLLED_BACK] } : r)) };
  }
  return { status: 200, body: results.map(shape) };
}

function shape(result: SaveResult): SaveResult {
  if (!result.success) return { success: false, errors: result.errors };
  return result.created === undefined ? { id: result.id, success: true, errors: [] } : { id: result.id, success: true, created: result.created, errors: [] };
}

function duplicateKeys(values: unknown[]): Set<unknown> {
  const seen = new Set<unknown>();
  const twice = new Set<unknown>();
  for (const v of values) {
    if (v === undefined || v === null || v === '') continue;
    if (seen.has(v)) twice.add(v);
    seen.add(v);
  }
  return twice;
}

function retrieve(ctx: ApiContext, req: ApiRequest, sobject: string, ids: string[], requested: string[]): ApiResponse {
  if (ids.length > COLLECTION_LIMIT)
    throw new SalesforceApiError(400, 'EXCEEDED_ID_LIMIT', `Record limit exceeded. A maximum of ${COLLECTION_LIMIT} records is allowed per request.`);
  const fields = requested.map((f) => f.trim()).filter(Boolean);
  if (fields.length === 0) throw new SalesforceApiError(400, 'MISSING_ARGUMENT', 'fields is required');
  for (const f of fields) if (!ctx.store.schemas.canonical(sobject, f)) throw invalidField(sobject, f);
  const body = ids.map((id) => {
    const found = ctx.store.get(id);
    if (!found || found.sobject !== sobject) return null;
    const out: Row = { attributes: { type: sobject, url: `/services/data/v${req.version}/sobjects/${sobject}/${String(found.row.Id)}` } };
    for (const f of fields) out[ctx.store.schemas.canonical(sobject, f) ?? f] = found.row[ctx.store.schemas.canonical(sobject, f) ?? f] ?? null;
    return out;
  });
  return { status: 200, body };
}

export type { RecordError };
