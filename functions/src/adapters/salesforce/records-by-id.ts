import type { DirectoryEntity } from '../../domain/directory/change-event';
import type { SalesforceFields } from '../../domain/directory/directory-records';
import type { SalesforceRecords } from '../../directory/read-current';
import { salesforceApiPath, type SalesforceRequester } from './api';
import { soqlInList } from './soql';

interface QueryPage {
  done?: boolean;
  nextRecordsUrl?: string;
  records?: SalesforceFields[];
}

/**
 * Records by id over the REST API query resource: `SELECT <fields> FROM <entity> WHERE Id IN (…)`, every id a
 * quoted, escaped literal; entity and field names come from the directory's own lists, never from input.
 * More than 2,000 rows page through nextRecordsUrl ("Execute a SOQL Query", REST API Developer Guide).
 */
export class SalesforceRecordsById implements SalesforceRecords {
  constructor(private readonly salesforce: SalesforceRequester) {}

  async read(entity: DirectoryEntity, ids: string[], fields: readonly string[]): Promise<Map<string, SalesforceFields>> {
    const select = [...new Set(['Id', ...fields])].join(', ');
    const soql = `SELECT ${select} FROM ${entity} WHERE Id IN ${soqlInList(ids)}`;
    const found = new Map<string, SalesforceFields>();
    let page = await this.salesforce.request<QueryPage>({ method: 'GET', url: salesforceApiPath(`/query?q=${encodeURIComponent(soql)}`) });
    for (;;) {
      for (const record of page.records ?? []) {
        const { attributes: _attributes, ...row } = record as SalesforceFields & { attributes?: unknown };
        if (typeof row.Id === 'string') found.set(row.Id, row);
      }
      if (page.done !== false || !page.nextRecordsUrl) break;
      page = await this.salesforce.request<QueryPage>({ method: 'GET', url: page.nextRecordsUrl });
    }
    return found;
  }
}
