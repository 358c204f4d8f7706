import { SalesforceApiError, notFound } from './errors';
import type { ApiContext, ApiRequest, ApiResponse } from './api-context';
import { handleCollections } from './collections';
import { handleComposite } from './composite';
import { handleSObjects } from './sobject-rest';
import { runQuery, type QueryResult } from './soql-query';
import { runSearch } from './sosl';

/** Dispatches one REST request under /services/data/vNN.N/. */

export const QUERY_BATCH_SIZE = 2000;
const VERSION_PATH = /^\/services\/data\/v(\d+\.\d)(?:\/(.*))?$/;

export function parseApiUrl(method: string, url: string, body: unknown): ApiRequest | undefined {
  const parsed = new URL(url, 'http://emulator');
  const match = VERSION_PATH.exec(parsed.pathname.replace(/\/+$/, ''));
  if (!match) return undefined;
  let segments: string[];
  try {
    segments = (match[2] ?? '')
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
  } catch {
    throw new SalesforceApiError(400, 'MALFORMED_URL', 'The URL is not properly encoded');
  }
  return { method, segments, query: parsed.searchParams, body, version: match[1]! };
}

function paged(ctx: ApiContext, req: ApiRequest, result: QueryResult): QueryResult & { nextRecordsUrl?: string } {
  if (result.records.length <= QUERY_BATCH_SIZE) return result;
  const cursor = `01gDm${String(ctx.cursors.size + 1).padStart(10, '0')}`;
  ctx.cursors.set(cursor, result.records);
  return page(req, cursor, result.records, 0, result.totalSize);
}

function page(
  req: ApiRequest,
  cursor: string,
  records: Array<Record<string, unknown>>,
  from: number,
  totalSize: number,
): QueryResult & { nextRecordsUrl?: string } {
  const to = from + QUERY_BATCH_SIZE;
  const done = to >= records.length;
  return { totalSize, done, ...(done ? {} : { nextRecordsUrl: `/services/data/v${req.version}/query/${cursor}-${to}` }), records: records.slice(from, to) };
}

function query(ctx: ApiContext, req: ApiRequest): ApiResponse {
  if (req.method !== 'GET') throw new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', 'HTTP Method not allowed. Allowed are GET');
  const [, locator] = req.segments;
  if (locator) {
    const [cursor = '', from = '0'] = locator.split('-');
    const records = ctx.cursors.get(cursor);
    if (!records) throw new SalesforceApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return { status: 200, body: page(req, cursor, records, Number(from), records.length) };
  }
  const q = req.query.get('q');
  if (!q) throw new SalesforceApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  return {
    status: 200,
    body: paged(ctx, req, runQuery(q, { store: ctx.store, today: ctx.today, version: req.version, includeDeleted: req.segments[0] === 'queryAll' })),
  };
}

export function routeApi(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const [resource = '', sub] = req.segments;
  switch (resource) {
    case '':
      return {
        status: 200,
        body: {
          query: `/services/data/v${req.version}/query`,
          search: `/services/data/v${req.version}/search`,
          sobjects: `/services/data/v${req.version}/sobjects`,
          composite: `/services/data/v${req.version}/composite`,
        },
      };
    case 'query':
    case 'queryAll':
      return query(ctx, req);
    case 'search': {
      const q = req.query.get('q');
      if (!q) throw new SalesforceApiError(400, 'MALFORMED_SEARCH', 'A search string has to be specified');
      return { status: 200, body: runSearch(q, { store: ctx.store, today: ctx.today, version: req.version }, ctx.phones, ctx.searchIndex) };
    }
    case 'sobjects':
      return handleSObjects(ctx, req);
    case 'jobs':
      if (sub === 'query') return ctx.bulk.handle(req, { store: ctx.store, today: ctx.today, version: req.version });
      throw notFound();
    case 'composite':
      if (sub === 'sobjects') return handleCollections(ctx, req);
      if (sub === undefined && req.method === 'POST') {
        return handleComposite(ctx.store, req.body, (method, url, body) => {
          const inner = parseApiUrl(method, url, body);
          if (!inner || (inner.segments[0] === 'composite' && inner.segments[1] !== 'sobjects'))
            throw new SalesforceApiError(400, 'INVALID_API_INPUT', `unsupported subrequest url: ${url}`);
          return routeApi(ctx, inner);
        });
      }
      throw notFound();
    default:
      throw notFound();
  }
}
