import type { DirectoryEntity } from '../../domain/directory/change-event';
import type { SalesforceFields } from '../../domain/directory/directory-records';
import type { ChangedRecords } from '../../directory/reconcile';
import { SalesforceApiError, salesforceApiPath, type SalesforceRequester } from './api';

interface QueryPage {
  done?: boolean;
  nextRecordsUrl?: string;
  records?: SalesforceFields[];
}

interface Subresponse {
  referenceId: string;
  httpStatusCode: number;
  body: unknown;
}

/** At most 5 query subrequests per composite request (REST API Developer Guide, "Composite"). */
const QUERIES_PER_COMPOSITE = 5;

function errorCodeOf(sub: Subresponse | undefined): string {
  const [first] = Array.isArray(sub?.body) ? (sub.body as Array<{ errorCode?: string }>) : [];
  return first?.errorCode ?? (sub ? `HTTP_${sub.httpStatusCode}` : 'NO_ANSWER');
}

/** A SOQL datetime literal (unquoted, whole seconds, UTC) from an ISO time Callwise wrote itself. */
export function soqlDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`Not a date-time: ${JSON.stringify(iso)}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * What changed since the watermark, for every entity at once: one composite request of `queryAll` subrequests
 * (queryAll returns deleted records too, with IsDeleted = true: "QueryAll", REST API Developer Guide), then
 * nextRecordsUrl pages for an entity with more than a page of changes. A quiet 15 minutes costs one request.
 */
export class SalesforceChangedRecords implements ChangedRecords {
  constructor(private readonly salesforce: SalesforceRequester) {}

  async changedSince(
    entities: readonly DirectoryEntity[],
    since: string,
    fields: (entity: DirectoryEntity) => readonly string[],
  ): Promise<Map<DirectoryEntity, SalesforceFields[]>> {
    const changed = new Map<DirectoryEntity, SalesforceFields[]>();
    for (let i = 0; i < entities.length; i += QUERIES_PER_COMPOSITE) {
      const group = entities.slice(i, i + QUERIES_PER_COMPOSITE);
      const compositeRequest = group.map((entity) => {
        const select = [...new Set(['Id', 'IsDeleted', 'SystemModstamp', ...fields(entity)])].join(', ');
        const soql = `SELECT ${select} FROM ${entity} WHERE SystemModstamp > ${soqlDateTime(since)} ORDER BY SystemModstamp`;
        return { method: 'GET', url: salesforceApiPath(`/queryAll?q=${encodeURIComponent(soql)}`), referenceId: entity };
      });
      const result = await this.salesforce.request<{ compositeResponse?: Subresponse[] }>({
        method: 'POST',
        url: salesforceApiPath('/composite'),
        body: JSON.stringify({ allOrNone: false, compositeRequest }),
        headers: { 'Content-Type': 'application/json' },
      });
      for (const entity of group) {
        const sub = result?.compositeResponse?.find((r) => r.referenceId === entity);
        if (!sub || sub.httpStatusCode >= 400)
          throw new SalesforceApiError(errorCodeOf(sub), sub?.httpStatusCode ?? 0, `reading the ${entity} records changed since ${since}`);
        changed.set(entity, await this.allPages(sub.body as QueryPage));
      }
    }
    return changed;
  }

  private async allPages(first: QueryPage): Promise<SalesforceFields[]> {
    const rows: SalesforceFields[] = [];
    let page: QueryPage | undefined = first;
    while (page) {
      for (const { attributes: _attributes, ...row } of (page.records ?? []) as Array<SalesforceFields & { attributes?: unknown }>) rows.push(row);
      page = page.done === false && page.nextRecordsUrl ? await this.salesforce.request<QueryPage>({ method: 'GET', url: page.nextRecordsUrl }) : undefined;
    }
    return rows;
  }
}
