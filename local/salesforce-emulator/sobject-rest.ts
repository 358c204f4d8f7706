import { SalesforceApiError, notFound } from './errors';
import type { ApiContext, ApiRequest, ApiResponse } from './api-context';
import { recordUrl } from './soql-fields';
import type { Row } from './store';
import { requireSObject, type SaveResult } from './writes';

/** Single-record REST: /sobjects/{type}[/{id}] and /sobjects/{type}/{externalIdField}/{value}. */

function failed(result: SaveResult): SalesforceApiError {
  const first = result.errors[0];
  return new SalesforceApiError(400, first?.statusCode ?? 'UNKNOWN_EXCEPTION', first?.message ?? 'record rejected', first?.fields);
}

function recordBody(ctx: ApiContext, req: ApiRequest, sobject: string, row: Row): Row {
  const wanted = req.query
    .get('fields')
    ?.split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const names = wanted ? wanted.map((f) => ctx.store.schemas.canonical(sobject, f) ?? f) : Object.keys(row);
  const out: Row = { attributes: { type: sobject, url: recordUrl(req.version, sobject, row.Id) } };
  for (const name of names) out[name] = row[name] ?? null;
  return out;
}

function bodyObject(body: unknown): Row {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'Expected a JSON object');
  return body as Row;
}

export function handleSObjects(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const [, typeName, idOrField, value] = req.segments;
  if (!typeName)
    return {
      status: 200,
      body: { encoding: 'UTF-8', maxBatchSize: 200, sobjects: ctx.store.schemas.declared().map((name) => ({ name, label: name, queryable: true })) },
    };
  const sobject = requireSObject(ctx.store, typeName);
  const { store, writer } = ctx;
  if (idOrField === 'describe' && req.method === 'GET') {
    return {
      status: 200,
      body: {
        name: sobject,
        label: sobject,
        custom: sobject.endsWith('__c'),
        fields: store.schemas.fields(sobject).map((name) => ({
          name,
          label: name,
          createable: !store.schemas.readOnly(sobject).includes(name),
          updateable: !store.schemas.readOnly(sobject).includes(name) && !store.schemas.createOnly(sobject).includes(name),
        })),
      },
    };
  }
  if (idOrField === undefined) {
    if (req.method === 'POST') {
      const result = writer.create(sobject, writer.fieldsOf(sobject, bodyObject(req.body)));
      if (!result.success) throw failed(result);
      return { status: 201, body: { id: result.id, success: true, errors: [] } };
    }
    if (req.method === 'GET') return { status: 200, body: { objectDescribe: { name: sobject }, recentItems: [] } };
    throw new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,POST`);
  }
  if (value !== undefined) return byExternalId(ctx, req, sobject, idOrField, value);
  const found = store.get(idOrField);
  if (!found || found.sobject !== sobject) throw notFound();
  const id = String(found.row.Id);
  switch (req.method) {
    case 'GET':
      return { status: 200, body: recordBody(ctx, req, sobject, found.row) };
    case 'PATCH': {
      const result = writer.update(sobject, id, writer.fieldsOf(sobject, bodyObject(req.body)));
      if (!result.success) throw failed(result);
      return { status: 204 };
    }
    case 'DELETE': {
      const result = writer.delete(id);
      if (!result.success) throw failed(result);
      return { status: 204 };
    }
    default:
      throw new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,PATCH,DELETE`);
  }
}

function byExternalId(ctx: ApiContext, req: ApiRequest, sobject: string, fieldName: string, value: string): ApiResponse {
  const { store, writer } = ctx;
  const field = store.schemas.canonical(sobject, fieldName);
  if (!field) throw new SalesforceApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${fieldName}`);
  const matches = writer.matches(sobject, field, value);
  if (matches.length > 1) return { status: 300, body: matches.map((r) => recordUrl(req.version, sobject, r.Id)) };
  if (req.method === 'GET') {
    if (!matches[0]) throw notFound();
    return { status: 200, body: recordBody(ctx, req, sobject, matches[0]) };
  }
  if (req.method !== 'PATCH') throw new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,PATCH`);
  const fields = writer.fieldsOf(sobject, bodyObject(req.body));
  if (fields[field] !== undefined && fields[field] !== value)
    throw new SalesforceApiError(400, 'INVALID_FIELD', `The value of the external ID field in the body (${String(fields[field])}) does not match the URL`);
  const outcome = writer.upsert(sobject, field, { ...fields, [field]: value });
  if ('multiple' in outcome) return { status: 300, body: outcome.multiple.map((id) => recordUrl(req.version, sobject, id)) };
  if (!outcome.success) throw failed(outcome);
  if (outcome.created) return { status: 201, body: { id: outcome.id, success: true, errors: [], created: true } };
  // Since API 46.0 an update through upsert answers 200 with a body; before, 204.
  return Number(req.version) >= 46 ? { status: 200, body: { id: outcome.id, success: true, errors: [], created: false } } : { status: 204 };
}
