import { SalesforceApiError } from './errors';
import type { ApiResponse } from './api-context';
import type { RecordStore } from './store';

/** The composite resource: up to 25 subrequests, @{ref.path} references, allOrNone rollback; one API request. */

export const COMPOSITE_LIMIT = 25;
/** Of those, at most 5 query/queryAll or sObject Collections subrequests (REST API guide, "Composite"). */
export const COMPOSITE_QUERY_LIMIT = 5;
const QUERY_OR_COLLECTION = /^\/services\/data\/v[\d.]+\/(?:query|queryAll|composite\/sobjects)(?:[/?]|$)/;

interface SubRequest {
  method?: unknown;
  url?: unknown;
  referenceId?: unknown;
  body?: unknown;
}

export type SubRequestRunner = (method: string, url: string, body: unknown) => ApiResponse;

const HALTED = { errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' };

function lookup(results: Map<string, unknown>, reference: string): unknown {
  const [ref = '', ...path] = reference.split('.');
  if (!results.has(ref)) throw new SalesforceApiError(400, 'INVALID_REFERENCE', `Invalid reference specified. No value for ${reference} found in ${ref}.`);
  let at: unknown = results.get(ref);
  for (const step of path) {
    for (const part of step.split(/[[\]]/).filter(Boolean)) at = (at as Record<string, unknown> | undefined)?.[part];
  }
  if (at === undefined) throw new SalesforceApiError(400, 'INVALID_REFERENCE', `Invalid reference specified. No value for ${reference} found in ${ref}.`);
  return at;
}

function substitute(value: unknown, results: Map<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^@\{([^}]+)\}$/.exec(value);
    if (whole) return lookup(results, whole[1]!);
    return value.replace(/@\{([^}]+)\}/g, (_m, ref: string) => String(lookup(results, ref)));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, results));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results)]));
  return value;
}

export function handleComposite(store: RecordStore, body: unknown, run: SubRequestRunner): ApiResponse {
  const b = body as { allOrNone?: unknown; compositeRequest?: unknown } | undefined;
  if (!b || !Array.isArray(b.compositeRequest)) throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'Expected {compositeRequest: [...]}');
  const requests = b.compositeRequest as SubRequest[];
  if (requests.length > COMPOSITE_LIMIT)
    throw new SalesforceApiError(400, 'INVALID_API_INPUT', `Composite request cannot have more than ${COMPOSITE_LIMIT} subrequests`);
  const heavy = requests.filter((r) => typeof r?.url === 'string' && QUERY_OR_COLLECTION.test(r.url)).length;
  // The guide states the limit, not the error text: the code and message here are the emulator's (see README).
  if (heavy > COMPOSITE_QUERY_LIMIT)
    throw new SalesforceApiError(
      400,
      'LIMIT_EXCEEDED',
      `Composite request cannot have more than ${COMPOSITE_QUERY_LIMIT} query or sObject Collections subrequests; it has ${heavy}`,
    );
  const allOrNone = b.allOrNone === true;
  const restore = allOrNone ? store.snapshot() : undefined;
  const results = new Map<string, unknown>();
  const responses: Array<{ body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string }> = [];
  let failed = false;
  for (const sub of requests) {
    const referenceId = typeof sub.referenceId === 'string' ? sub.referenceId : '';
    if (!referenceId || typeof sub.method !== 'string' || typeof sub.url !== 'string')
      throw new SalesforceApiError(400, 'INVALID_API_INPUT', 'Each subrequest needs method, url and referenceId');
    if (failed && allOrNone) {
      responses.push({ body: [HALTED], httpHeaders: {}, httpStatusCode: 400, referenceId });
      continue;
    }
    let response: ApiResponse;
    try {
      response = run(sub.method.toUpperCase(), String(substitute(sub.url, results)), substitute(sub.body, results));
    } catch (error) {
      if (!(error instanceof SalesforceApiError)) throw error;
      response = { status: error.status, body: error.body() };
    }
    if (response.status >= 400) failed = true;
    results.set(referenceId, response.body);
    const created = response.status === 201 ? (response.body as { id?: unknown } | undefined)?.id : undefined;
    const sobjectUrl = /^\/services\/data\/v[\d.]+\/sobjects\/[^/?]+/.exec(String(sub.url))?.[0];
    const location: Record<string, string> = typeof created === 'string' && sobjectUrl ? { Location: `${sobjectUrl}/${created}` } : {};
    responses.push({ body: response.body ?? null, httpHeaders: location, httpStatusCode: response.status, referenceId });
  }
  if (failed && restore) {
    restore();
    for (const r of responses) if (r.httpStatusCode < 400) Object.assign(r, { body: [HALTED], httpStatusCode: 400 });
  }
  return { status: 200, body: { compositeResponse: responses } };
}
