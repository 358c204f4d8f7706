import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { SalesforceApiError, malformedQuery } from './errors';
import { project, resolvePath, type ResolvedPath } from './soql-fields';
import { aggregateRows, type AggregateField } from './soql-aggregate';
import { compareValues } from './soql-values';
import { compileWhere } from './soql-where';
import type { RecordStore, Row } from './store';

/** Runs one SOQL query against the store, answering in the REST query shape. */

export interface QueryResult {
  totalSize: number;
  done: boolean;
  records: Row[];
}

export interface ParsedField extends AggregateField {
  subquery?: ParsedQuery;
}

export interface ParsedQuery {
  fields?: ParsedField[];
  sObject?: string;
  relationshipName?: string;
  where?: unknown;
  orderBy?: Array<{ field?: string; order?: string; nulls?: string }> | { field?: string; order?: string; nulls?: string };
  limit?: number;
  offset?: number;
  groupBy?: Array<{ field?: string }> | { field?: string };
  having?: unknown;
}

const CHILD_RELATIONSHIPS: Record<string, { sobject: string; via: Record<string, string> }> = {
  contacts: { sobject: 'Contact', via: { Account: 'AccountId' } },
  cases: { sobject: 'Case', via: { Account: 'AccountId', Contact: 'ContactId' } },
  opportunities: { sobject: 'Opportunity', via: { Account: 'AccountId' } },
  tasks: { sobject: 'Task', via: { Account: 'WhatId', Case: 'WhatId', Opportunity: 'WhatId', Contact: 'WhoId', Lead: 'WhoId' } },
};

export interface QueryContext {
  store: RecordStore;
  today: string;
  version: string;
  /** queryAll: deleted and merged-away rows too (IsDeleted = true). */
  includeDeleted?: boolean;
}

export function parseSoql(soql: string): ParsedQuery {
  try {
    return parseQuery(soql) as unknown as ParsedQuery;
  } catch (error) {
    throw malformedQuery(`${(error as Error).message.split('\n')[0]}`);
  }
}

export function runQuery(soql: string, ctx: QueryContext): QueryResult {
  const parsed = parseSoql(soql);
  if (!parsed.sObject) throw malformedQuery('FROM clause is missing');
  return select(parsed, ctx.store.sobjectName(parsed.sObject), ctx, undefined);
}

/** A query limited to rows that pass `scope` (SOSL uses it for the rows its term matched). */
export function runScopedQuery(soql: string, ctx: QueryContext, scope: (row: Row) => boolean): QueryResult {
  const parsed = parseSoql(soql);
  return select(parsed, ctx.store.sobjectName(parsed.sObject ?? ''), ctx, scope);
}

/** The rows of `sobject` the WHERE clause (and `scope`) admits, deleted ones too for queryAll. */
function matching(query: ParsedQuery, sobject: string, ctx: QueryContext, scope: ((row: Row) => boolean) | undefined): Row[] {
  const { store } = ctx;
  const where = compileWhere(query.where, {
    today: ctx.today,
    resolve: (field: string) => resolvePath(store, sobject, field),
    subquery: (inner) => {
      const sub = inner as ParsedQuery;
      const result = select(sub, store.sobjectName(sub.sObject ?? ''), { ...ctx, includeDeleted: false }, undefined);
      const first = sub.fields?.[0]?.field ?? 'Id';
      return result.records.map((r) => r[first] ?? r.Id);
    },
  });
  const rows = ctx.includeDeleted ? [...store.rows(sobject), ...store.deletedRows(sobject)] : store.rows(sobject);
  return rows.filter((row) => (!scope || scope(row)) && where(row));
}

/** Bulk API 2.0: the rows a plain (non-aggregate) query selects, in order and within LIMIT, with its column paths. */
export function selectRows(soql: string, ctx: QueryContext): { sobject: string; paths: ResolvedPath[]; rows: Row[] } {
  const query = parseSoql(soql);
  if (!query.sObject) throw malformedQuery('FROM clause is missing');
  const sobject = ctx.store.sobjectName(query.sObject);
  const paths = (query.fields ?? []).map((f) => resolvePath(ctx.store, sobject, f.type === 'Field' ? (f.field ?? '') : (f.rawValue ?? '')));
  const rows = order(matching(query, sobject, ctx, undefined), query.orderBy, (field) => resolvePath(ctx.store, sobject, field));
  return { sobject, paths, rows: query.limit === undefined ? rows : rows.slice(0, query.limit) };
}

function select(query: ParsedQuery, sobject: string, ctx: QueryContext, scope: ((row: Row) => boolean) | undefined): QueryResult {
  const { store } = ctx;
  if (query.having) throw malformedQuery('HAVING is not supported by the emulator');
  const fields = query.fields ?? [];
  const resolve = (field: string) => resolvePath(store, sobject, field);
  const countOnly =
    fields.length === 1 &&
    fields[0]?.type === 'FieldFunctionExpression' &&
    fields[0].functionName?.toUpperCase() === 'COUNT' &&
    (fields[0].parameters ?? []).length === 0;
  const aggregates = fields.filter((f) => f.type === 'FieldFunctionExpression');
  const paths: ResolvedPath[] = [];
  const children: Array<{ name: string; run(row: Row): QueryResult | null }> = [];
  for (const f of fields) {
    if (f.type === 'Field' || f.type === 'FieldRelationship') paths.push(resolve(f.type === 'Field' ? (f.field ?? '') : (f.rawValue ?? '')));
    else if (f.type === 'FieldSubquery' && f.subquery) children.push(childQuery(f.subquery, sobject, ctx));
    else if (f.type !== 'FieldFunctionExpression') throw malformedQuery(`unsupported field ${f.rawValue ?? f.type}`);
  }
  const groupBy = (Array.isArray(query.groupBy) ? query.groupBy : query.groupBy ? [query.groupBy] : []).map((g) => {
    if (!g.field) throw malformedQuery('GROUP BY supports fields only');
    return g.field;
  });
  let rows = matching(query, sobject, ctx, scope);
  if (!countOnly && (aggregates.length > 0 || groupBy.length > 0)) {
    if (children.length > 0) throw malformedQuery('subqueries cannot be aggregated');
    const orderBy = (Array.isArray(query.orderBy) ? query.orderBy : query.orderBy ? [query.orderBy] : []).map((o) => {
      if (!o.field) throw malformedQuery('ORDER BY an aggregate is not supported by the emulator');
      return { field: o.field, descending: o.order?.toUpperCase() === 'DESC' };
    });
    const groups = aggregateRows(fields, groupBy, rows, resolve, orderBy);
    const records = groups.slice(query.offset ?? 0, query.limit === undefined ? undefined : (query.offset ?? 0) + query.limit);
    return { totalSize: records.length, done: true, records };
  }
  rows = order(rows, query.orderBy, resolve);
  rows = rows.slice(query.offset ?? 0, query.limit === undefined ? undefined : (query.offset ?? 0) + query.limit);
  if (countOnly) return { totalSize: rows.length, done: true, records: [] };
  const records = rows.map((row) => {
    const out = project(store, ctx.version, sobject, row, paths);
    for (const child of children) out[child.name] = child.run(row);
    return out;
  });
  return { totalSize: records.length, done: true, records };
}

function childQuery(query: ParsedQuery, parent: string, ctx: QueryContext): { name: string; run(row: Row): QueryResult | null } {
  const name = query.relationshipName ?? '';
  const relationship = CHILD_RELATIONSHIPS[name.toLowerCase()];
  const via = relationship?.via[parent];
  if (!relationship || !via) throw new SalesforceApiError(400, 'INVALID_TYPE', `Didn't understand relationship '${name}' in FROM part of query call.`);
  return {
    name: name.charAt(0).toUpperCase() + name.slice(1),
    run: (row) => {
      const result = select(query, relationship.sobject, ctx, (child) => child[via] === row.Id);
      return result.records.length > 0 ? result : null;
    },
  };
}

function order(rows: Row[], orderBy: ParsedQuery['orderBy'], resolve: (f: string) => ResolvedPath): Row[] {
  const clauses = (Array.isArray(orderBy) ? orderBy : orderBy ? [orderBy] : []).map((o) => {
    if (!o.field) throw malformedQuery('ORDER BY supports fields only');
    const descending = o.order?.toUpperCase() === 'DESC';
    const nullsFirst = o.nulls ? o.nulls.toUpperCase() === 'FIRST' : !descending;
    return { path: resolve(o.field), descending, nullsFirst };
  });
  if (clauses.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const c of clauses) {
      const va = c.path.get(a);
      const vb = c.path.get(b);
      const na = va === null || va === undefined || va === '';
      const nb = vb === null || vb === undefined || vb === '';
      if (na || nb) {
        if (na && nb) continue;
        return na === c.nullsFirst ? -1 : 1;
      }
      const diff = compareValues(va, vb);
      if (diff !== 0) return c.descending ? -diff : diff;
    }
    return 0;
  });
}
