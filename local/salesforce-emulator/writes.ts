import { SalesforceApiError, invalidField, recordError, type RecordError } from './errors';
import { INTEGRATION_USER_ID } from './auth';
import type { FieldLimits } from './field-limits';
import type { RecordStore, Row } from './store';

/**
 * Creates, updates, upserts and deletes with Salesforce's checks: unknown, read-only and create-only fields,
 * sizes, unique values, references (deleted ones too), inactive owners, and who may edit a Task owned by
 * someone else.
 */

export interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: RecordError[];
}

export type UpsertOutcome = SaveResult | { multiple: string[] };

/**
 * The API user's rights, a setting of the emulated org. Activities are "Controlled by Parent": a Task owned by
 * someone else may be edited (or deleted) only by a user who can edit every parent (WhoId, WhatId) or sits above
 * the owner in the role hierarchy (knowledge article 000325945); the owner always may.
 */
export interface RunningUserRights {
  /** Objects the user can edit records of (the Callwise Integration permission set grants Read only on parents). */
  editableParents: string[];
  /** The user's role is above the Task owners' roles. */
  aboveOwnersInRoleHierarchy: boolean;
}

/** The least-privileged integration user of the demo org: Read on parents, no role. */
export const LEAST_PRIVILEGED_USER: RunningUserRights = { editableParents: [], aboveOwnersInRoleHierarchy: false };

const ID_PATTERN = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
const CHECKED_REFERENCES = ['WhoId', 'WhatId'];

const failure = (error: RecordError): SaveResult => ({ success: false, errors: [error] });
const insufficientAccess = () => recordError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', []);

export class RecordWriter {
  rights: RunningUserRights = LEAST_PRIVILEGED_USER;
  /** Told of every record written through the API (the search index picks it up later). */
  onWrite: (id: string) => void = () => undefined;

  constructor(
    private readonly store: RecordStore,
    private readonly limits: FieldLimits,
  ) {}

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
    const defaults: Row = {
      CreatedById: INTEGRATION_USER_ID,
      LastModifiedById: INTEGRATION_USER_ID,
      ...(this.store.schemas.canonical(sobject, 'OwnerId') === 'OwnerId' ? { OwnerId: INTEGRATION_USER_ID } : {}),
    };
    if (sobject === 'Task') Object.assign(defaults, { Status: 'Not Started', Priority: 'Normal' });
    const [id = ''] = this.store.insert(sobject, [{ ...defaults, ...fields, ...this.limits.check(sobject, fields).rounded }]);
    this.store.noteChange({ changeType: 'CREATE', sobject, id, after: this.store.get(id)!.row });
    this.onWrite(id);
    return { id, success: true, errors: [] };
  }

  update(sobject: string, id: unknown, fields: Row): SaveResult {
    if (typeof id !== 'string' || !ID_PATTERN.test(id))
      return failure(recordError('MALFORMED_ID', `${sobject} ID: id value of incorrect type: ${String(id)}`, ['Id']));
    if (this.store.isDeleted(id)) return failure(recordError('ENTITY_IS_DELETED', 'entity is deleted', []));
    const found = this.store.get(id);
    if (!found || found.sobject !== sobject) return failure(recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['Id']));
    const { Id: _id, ...changes } = fields;
    const rejected = this.check(sobject, changes, 'update', String(found.row.Id)) ?? this.access(sobject, found.row);
    if (rejected) return failure(rejected);
    const after = this.store.update(sobject, String(found.row.Id), {
      ...changes,
      ...this.limits.check(sobject, changes).rounded,
      LastModifiedById: INTEGRATION_USER_ID,
    });
    this.store.noteChange({ changeType: 'UPDATE', sobject, id: String(found.row.Id), before: found.row, after });
    this.onWrite(String(found.row.Id));
    return { id: String(found.row.Id), success: true, errors: [] };
  }

  delete(id: string): SaveResult & { id: string } {
    const found = this.store.get(id);
    if (!found)
      return {
        id,
        success: false,
        errors: [
          recordError(
            this.store.isDeleted(id) ? 'ENTITY_IS_DELETED' : 'INVALID_CROSS_REFERENCE_KEY',
            this.store.isDeleted(id) ? 'entity is deleted' : 'invalid cross reference id',
          ),
        ],
      };
    const denied = this.access(found.sobject, found.row);
    if (denied) return { id, success: false, errors: [denied] };
    this.store.delete(String(found.row.Id));
    this.store.noteChange({ changeType: 'DELETE', sobject: found.sobject, id: String(found.row.Id) });
    return { id, success: true, errors: [] };
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

  /** Controlled by Parent: the running user may change a Task it does not own only through its parents or its role. */
  private access(sobject: string, row: Row): RecordError | undefined {
    if (sobject !== 'Task' || row.OwnerId === INTEGRATION_USER_ID || this.rights.aboveOwnersInRoleHierarchy) return undefined;
    const parents = CHECKED_REFERENCES.map((f) => row[f]).filter((v): v is string => typeof v === 'string' && v !== '');
    const editable = parents.length > 0 && parents.every((id) => this.rights.editableParents.includes(this.store.get(id)?.sobject ?? ''));
    return editable ? undefined : insufficientAccess();
  }

  private check(sobject: string, fields: Row, mode: 'create' | 'update', selfId: string | undefined): RecordError | undefined {
    const { schemas } = this.store;
    const forbidden = Object.keys(fields).filter(
      (f) => schemas.readOnly(sobject).includes(f) || (mode === 'update' && schemas.createOnly(sobject).includes(f)),
    );
    if (forbidden.length > 0) {
      return recordError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${forbidden.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        forbidden,
      );
    }
    const tooBig = this.limits.check(sobject, fields).error;
    if (tooBig) return tooBig;
    for (const field of CHECKED_REFERENCES) {
      const value = fields[field];
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string' || !ID_PATTERN.test(value))
        return recordError('MALFORMED_ID', `${field}: id value of incorrect type: ${String(value)}`, [field]);
      // A merged-away or deleted parent: Salesforce names no field for this error.
      if (this.store.isDeleted(value)) return recordError('ENTITY_IS_DELETED', 'entity is deleted', []);
      if (!this.store.get(value)) return recordError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field]);
    }
    const owner = typeof fields.OwnerId === 'string' ? this.store.get(fields.OwnerId) : undefined;
    if (owner?.sobject === 'User' && owner.row.IsActive === false) {
      return recordError('INACTIVE_OWNER_OR_USER', `operation performed with inactive user [${String(owner.row.Id)}] as owner of ${sobject.toLowerCase()}`, []);
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
