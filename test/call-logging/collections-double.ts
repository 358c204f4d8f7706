import type { SalesforceRequester } from '../../functions/src/adapters/salesforce/api';

/**
 * A stand-in for the Salesforce emulator's sObject Collections upsert on Task (until local/ lands):
 * external-ID upsert, ≤ 200 records, TaskSubtype create-only, seeded fault injection, request count.
 */
export class CollectionsDouble implements SalesforceRequester {
  readonly tasks = new Map<string, Record<string, unknown>>();
  requests = 0;
  faults = { serverError: 0, requestLimit: 0, recordError: 0 };
  private seed = 1;

  private random(): number {
    this.seed = (this.seed * 16807) % 2147483647;
    return this.seed / 2147483647;
  }

  async request<T>(req: { method: string; url: string; body?: string }): Promise<T> {
    this.requests++;
    if (req.method !== 'PATCH' || !/\/composite\/sobjects\/Task\/Callwise_Contact_Id__c$/.test(req.url))
      throw new Error(`unsupported ${req.method} ${req.url}`);
    const { records } = JSON.parse(req.body!) as { records: Array<Record<string, unknown>> };
    if (records.length > 200) throw Object.assign(new Error('EXCEEDED_ID_LIMIT'), { errorCode: 'EXCEEDED_ID_LIMIT', statusCode: 400 });
    const roll = this.random();
    if (roll < this.faults.serverError) throw Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
    if (roll < this.faults.serverError + this.faults.requestLimit)
      throw Object.assign(new Error('TotalRequests Limit exceeded.'), { errorCode: 'REQUEST_LIMIT_EXCEEDED', statusCode: 403 });
    return records.map(({ attributes: _a, ...record }) => {
      const key = record.Callwise_Contact_Id__c as string;
      if (this.random() < this.faults.recordError)
        return { success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record', fields: [] }] };
      const existing = this.tasks.get(key);
      if (existing && 'TaskSubtype' in record)
        return {
          success: false,
          errors: [{ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: 'Unable to create/update fields: TaskSubtype.', fields: ['TaskSubtype'] }],
        };
      this.tasks.set(key, { ...existing, ...record });
      return { id: `00T${String(this.tasks.size).padStart(15, '0')}`, success: true, created: !existing, errors: [] };
    }) as T;
  }
}
