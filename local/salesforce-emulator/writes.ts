import { SalesforceApiError, invalidField, recordError, type RecordError } from './errors';
import { INTEGRATION_USER_ID } from './auth';
import type { RecordStore, Row } from './store';

/** Creates, updates and upserts with Salesforce's checks: unknown, read-only and create-only fields, unique values, references. */

export interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: RecordError[];
}

export type UpsertOutcome = SaveResult | { multiple: string[] };

const ID_PATTERN = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
const CHECKED_REFERENCES = ['WhoId', 'WhatId'];

const failure = (error: RecordError): SaveResult => ({ success: false, errors: [error] });

export class RecordWriter {
  constructor(private readonly store: RecordStore) {}

  /** Strips `attributes` and canonicalises field names; an unknown field fails the whole request. */
  fieldsOf(sobject: string, record: Row): Row {
    const out: Row = {};
    for (const [key, value] of Object.entries(record)) {
      if (key === 'attributes') continue;
      const name = this.store.schemas.canonical(sobject, key);
      if (!name) throw invalidField(sobject, key);
      out[name] = value;
    }
    return out;
  }

  create(sobject: string, fields: Row): SaveResult {
    const rejected = this.check(sobject, fields, 'create', undefined);
    if (rejected) return failure(rejected);
    const defaults: Row = { CreatedById: INTEGRATION_USER_ID, LastModifiedById: INTEGRATION_USER_ID, ...(this.store.schemas.canonical(sobject, 'OwnerId') === 'OwnerId' ? { OwnerId: INTEGRATION_USER_ID } : {}) };
    if (sobject === 'Task') Object.assign(defaults, { Status: 'Not Started', Priority: 'Normal' });
    const [id = ''] = this.store.insert(sobject, [{ ...defaults, ...fields }]);
    return { id, success: true, errors: [] };
  }

  update(sobject: string, id: unknown, fields: Row): SaveResult {
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) return failure(recordError('MALFORMED_ID', `${sobject} ID: id value of incorrect type: ${String(id)}`, ['Id']));
    const found = this.store.get(id);
    if (!found || found.sobject !== sobject) return failure(recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['Id']));
    const { Id: _id, ...changes } = fields;
    const rejected = this.check(sobject, changes, 'update', String(found.row.Id));
    if (rejected) return failure(rejected);
    this.store.update(sobject, String(found.row.Id), { ...changes, LastModifiedById: INTEGRATION_USER_ID });
    return { id: String(found.row.Id), success: true, errors: [] };
  }

  /** Existing rows whose external ID equals the value. */
  matches(sobject: string, field: string, value: unknown): Row[] {
    if (field === 'Id') {
      const found = typeof value === 'string' ? this.store.get(value) : undefined;
      return found && found.sobject === sobject ? [found.row] : [];
    }
    return this.store.findBy(sobject, field, value);
  }

  upsert(sobject: string, externalField: string, fields: Row): UpsertOutcome {
    const value = fields[externalField];
    if (value === undefined || value === null || value === '') {
      return failure(recordError('MISSING_ARGUMENT', `${externalField} not specified`, [externalField]));
    }
    const existing = this.matches(sobject, externalField, value);
    if (existing.length > 1) return { multiple: existing.map((r) => String(r.Id)) };
    if (existing.length === 1) {
      const { Id: _id, ...changes } = fields;
      return { ...this.update(sobject, existing[0]!.Id, changes), created: false };
    }
    return { ...this.create(sobject, fields), created: true };
  }

  private check(sobject: string, fields: Row, mode: 'create' | 'update', selfId: string | undefined): RecordError | undefined {
    const { schemas } = this.store;
    const forbidden = Object.keys(fields).filter((f) => schemas.readOnly(sobject).includes(f) || (mode === 'update' && schemas.createOnly(sobject).includes(f)));
    if (forbidden.length > 0) {
      return recordError('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${forbidden.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, forbidden);
    }
    for (const field of CHECKED_REFERENCES) {
      const value = fields[field];
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string' || !ID_PATTERN.test(value)) return recordError('MALFORMED_ID', `${field}: id value of incorrect type: ${String(value)}`, [field]);
      if (!this.store.get(value)) return recordError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field]);
    }
    for (const field of schemas.unique(sobject)) {
      const value = fields[field];
      if (value === undefined || value === null || value === '') continue;
      const clash = this.matches(sobject, field, value).find((row) => row.Id !== selfId);
      if (clash) return recordError('DUPLICATE_VALUE', `duplicate value found: ${field} duplicates value on record with id: ${String(clash.Id)}`, [field]);
    }
    return undefined;
  }
}

export function requireSObject(store: RecordStore, name: string | undefined): string {
  if (!name || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new SalesforceApiError(404, 'NOT_FOUND', `The requested resource does not exist`);
  return store.sobjectName(name);
}
