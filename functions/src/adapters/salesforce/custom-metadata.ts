import { type MetadataRecord, metadataFieldNames, POLICY_METADATA_TYPE_NAMES, type PolicyMetadataRecords, type PolicyMetadataType } from '../../domain/policy/policy-metadata-types';
import { salesforceApiPath, type SalesforceRequester } from './api';

/**
 * The routing configuration's custom metadata records, read over the REST API: one SOQL query per
 * type, in composite requests of at most 5 queries each (Salesforce's limit on query subrequests per
 * composite; REST API guide, "Composite"), sent together; more requests only to page past 2,000 rows.
 * The queries hold no user input: type and field names come from the catalogue.
 */

/** At most 5 query or sObject Collections subrequests per composite request. */
export const QUERIES_PER_COMPOSITE = 5;

export class CustomMetadataReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustomMetadataReadError';
  }
}

interface QueryPage {
  done?: boolean;
  nextRecordsUrl?: string;
  records?: Array<Record<string, unknown>>;
}

interface Subresponse {
  referenceId: string;
  httpStatusCode: number;
  body: unknown;
}

/** The SOQL that reads one type's records. */
export function customMetadataQuery(type: PolicyMetadataType): string {
  return `SELECT DeveloperName, MasterLabel, ${metadataFieldNames(type).join(', ')} FROM ${type} ORDER BY DeveloperName`;
}

export class SalesforceCustomMetadata {
  constructor(private readonly salesforce: SalesforceRequester) {}

  async read(): Promise<PolicyMetadataRecords> {
    const groups: PolicyMetadataType[][] = [];
    for (let i = 0; i < POLICY_METADATA_TYPE_NAMES.length; i += QUERIES_PER_COMPOSITE) groups.push(POLICY_METADATA_TYPE_NAMES.slice(i, i + QUERIES_PER_COMPOSITE));
    const answers = (await Promise.all(groups.map((types) => this.composite(types)))).flat();
    const records: PolicyMetadataRecords = {};
    for (const type of POLICY_METADATA_TYPE_NAMES) {
      const sub = answers.find((r) => r.referenceId === type.replace(/__mdt$/, ''));
      if (!sub) throw new CustomMetadataReadError(`Salesforce returned no answer for ${type}`);
      if (sub.httpStatusCode >= 400) throw new CustomMetadataReadError(describeFailure(type, sub));
      records[type] = await this.allPages(sub.body as QueryPage);
    }
    return records;
  }

  private async composite(types: PolicyMetadataType[]): Promise<Subresponse[]> {
    const compositeRequest = types.map((type) => ({
      method: 'GET',
      url: salesforceApiPath(`/query?q=${encodeURIComponent(customMetadataQuery(type))}`),
      referenceId: type.replace(/__mdt$/, ''),
    }));
    const result = await this.salesforce.request<{ compositeResponse?: Subresponse[] }>({
      method: 'POST',
      url: salesforceApiPath('/composite'),
      body: JSON.stringify({ allOrNone: false, compositeRequest }),
      headers: { 'Content-Type': 'application/json' },
    });
    return result?.compositeResponse ?? [];
  }

  private async allPages(first: QueryPage): Promise<MetadataRecord[]> {
    const rows: MetadataRecord[] = [];
    let page: QueryPage | undefined = first;
    while (page) {
      for (const record of page.records ?? []) rows.push(toRow(record));
      page = page.done === false && page.nextRecordsUrl ? await this.salesforce.request<QueryPage>({ method: 'GET', url: page.nextRecordsUrl }) : undefined;
    }
    return rows;
  }
}

function toRow(record: Record<string, unknown>): MetadataRecord {
  const row: MetadataRecord = { DeveloperName: String(record.DeveloperName ?? '') };
  for (const [field, value] of Object.entries(record)) {
    if (field === 'attributes' || field === 'DeveloperName') continue;
    row[field] = value === null || ['string', 'number', 'boolean'].includes(typeof value) ? (value as MetadataRecord[string]) : JSON.stringify(value);
  }
  return row;
}

function describeFailure(type: PolicyMetadataType, sub: Subresponse): string {
  const [first] = Array.isArray(sub.body) ? (sub.body as Array<{ errorCode?: string; message?: string }>) : [];
  const code = first?.errorCode ?? `HTTP ${sub.httpStatusCode}`;
  const hint =
    code === 'INVALID_TYPE' || code === 'INVALID_FIELD'
      ? ': deploy the latest crm-package to this org, and give the integration user the Callwise Integration permission set'
      : '';
  return `Cannot read ${type} (${code})${hint}`;
}
