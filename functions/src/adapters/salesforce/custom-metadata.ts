import { HANDLING_METADATA_TYPES, type HandlingMetadataType } from '../../domain/handling/standard-metadata-types';
import type { HandlingMetadataRecords } from '../../domain/handling/standard-metadata';
import { type MetadataRecord, POLICY_METADATA_TYPES, type PolicyMetadataRecords, type PolicyMetadataType } from '../../domain/policy/policy-metadata-types';
import { salesforceApiPath, type SalesforceRequester } from './api';

/** Every custom metadata type Callwise configuration lives in: the routing policy's and the handling standard's. */
const CONFIGURATION_TYPES = { ...POLICY_METADATA_TYPES, ...HANDLING_METADATA_TYPES };
export type ConfigurationMetadataType = PolicyMetadataType | HandlingMetadataType;
export type ConfigurationMetadataRecords = PolicyMetadataRecords & HandlingMetadataRecords;
const CONFIGURATION_TYPE_NAMES = Object.keys(CONFIGURATION_TYPES) as ConfigurationMetadataType[];

/**
 * The configuration's custom metadata records (routing policy and handling standard), read over the
 * REST API: one SOQL query per type, in composite requests of at most 5 queries each (Salesforce's limit on query subrequests per
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
export function customMetadataQuery(type: ConfigurationMetadataType): string {
  return `SELECT DeveloperName, MasterLabel, ${Object.keys(CONFIGURATION_TYPES[type].fields).join(', ')} FROM ${type} ORDER BY DeveloperName`;
}

export class SalesforceCustomMetadata {
  constructor(private readonly salesforce: SalesforceRequester) {}

  async read(): Promise<ConfigurationMetadataRecords> {
    const groups: ConfigurationMetadataType[][] = [];
    for (let i = 0; i < CONFIGURATION_TYPE_NAMES.length; i += QUERIES_PER_COMPOSITE) groups.push(CONFIGURATION_TYPE_NAMES.slice(i, i + QUERIES_PER_COMPOSITE));
    const answers = (await Promise.all(groups.map((types) => this.composite(types)))).flat();
    const records: ConfigurationMetadataRecords = {};
    for (const type of CONFIGURATION_TYPE_NAMES) {
      const sub = answers.find((r) => r.referenceId === type.replace(/__mdt$/, ''));
      if (!sub) throw new CustomMetadataReadError(`Salesforce returned no answer for ${type}`);
      if (sub.httpStatusCode >= 400) throw new CustomMetadataReadError(describeFailure(type, sub));
      records[type] = await this.allPages(sub.body as QueryPage);
    }
    return records;
  }

  private async composite(types: ConfigurationMetadataType[]): Promise<Subresponse[]> {
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

function describeFailure(type: ConfigurationMetadataType, sub: Subresponse): string {
  const [first] = Array.isArray(sub.body) ? (sub.body as Array<{ errorCode?: string; message?: string }>) : [];
  const code = first?.errorCode ?? `HTTP ${sub.httpStatusCode}`;
  const hint =
    code === 'INVALID_TYPE' || code === 'INVALID_FIELD'
      ? ': deploy the latest crm-package to this org, and give the integration user the Callwise Integration permission set'
      : '';
  return `Cannot read ${type} (${code})${hint}`;
}
