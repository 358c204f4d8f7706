import { changeVersion, isWildcardId, type ChangeEvent, type DirectoryEntity, type FieldValue } from './change-event';

/**
 * Change events → changes to directory records, applied idempotently in any order.
 *
 * Every field remembers the version (changeVersion: commit time, then sequence) that set it, so an UPDATE
 * that arrives after a later one still sets the fields the later one did not touch, and an event seen twice
 * or after a newer one changes nothing (it is stale). A delete leaves a tombstone that only a later
 * UNDELETE lifts, so a late CREATE or UPDATE cannot bring a deleted record back.
 * Lead conversion (an UPDATE with IsConverted = true, "Change Events for Lead Conversion") removes the Lead;
 * the Account and Contact arrive by their own CREATE events. A merge sends a DELETE for the losers and an
 * UPDATE for the winner ("Triggers and Merge Statements", Apex Developer Guide): nothing special to do.
 * Gap events carry no fields: their records are read from Salesforce; an overflow (or a wildcard record id)
 * reconciles the whole entity ("Gap Events", "Overflow Events", Change Data Capture Developer Guide).
 */

export interface RecordState {
  entity: DirectoryEntity;
  id: string;
  /** The directory's fields of the record (DIRECTORY_FIELDS); unset fields are null. */
  fields: Record<string, FieldValue>;
  /** The version that set each field. */
  versions: Record<string, number>;
  /** Version of the delete (or lead conversion) that removed the record; absent while it exists. */
  deletedAt?: number;
}

export type RecordChange =
  /** The whole record (CREATE, UNDELETE, or its current state read from Salesforce). */
  | { kind: 'snapshot'; entity: DirectoryEntity; id: string; version: number; fields: Record<string, FieldValue> }
  /** Only these fields (an UPDATE). */
  | { kind: 'merge'; entity: DirectoryEntity; id: string; version: number; fields: Record<string, FieldValue> }
  | { kind: 'remove'; entity: DirectoryEntity; id: string; version: number; reason: 'deleted' | 'converted' };

/** What must be read from Salesforce because the event does not say. */
export type FollowUp =
  /** Gap events: read these records' current state (one query per entity for all ids). */
  | { kind: 'refetch'; entity: DirectoryEntity; ids: string[]; version: number }
  /** Overflow or a wildcard id: an incremental reconcile of the entity since its watermark. */
  | { kind: 'reconcile'; entity: DirectoryEntity; reason: string };

export interface ChangePlan {
  changes: RecordChange[];
  followUps: FollowUp[];
}

/** The fields the directory keeps per entity (numbers, names, owners, context). Other fields' changes are ignored. */
export const DIRECTORY_FIELDS: Record<DirectoryEntity, readonly string[]> = {
  Contact: ['FirstName', 'LastName', 'Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone', 'AccountId', 'OwnerId'],
  Lead: ['FirstName', 'LastName', 'Company', 'Phone', 'MobilePhone', 'OwnerId', 'IsConverted'],
  Account: ['Name', 'Phone', 'Type', 'AnnualRevenue', 'OwnerId', 'Callwise_Tier__c', 'Callwise_Overdue_Invoice__c', 'IsPersonAccount', 'PersonMobilePhone', 'PersonHomePhone', 'PersonOtherPhone'],
  Case: ['AccountId', 'ContactId', 'Subject', 'Priority', 'IsClosed', 'CreatedDate'],
  Opportunity: ['AccountId', 'Name', 'StageName', 'Amount', 'CloseDate', 'Type', 'IsClosed'],
};

function pick(entity: DirectoryEntity, fields: Record<string, FieldValue>, only?: Iterable<string>): Record<string, FieldValue> {
  const wanted = new Set(only ?? DIRECTORY_FIELDS[entity]);
  const out: Record<string, FieldValue> = {};
  for (const name of DIRECTORY_FIELDS[entity]) if (wanted.has(name)) out[name] = fields[name] ?? null;
  return out;
}

/** One change event → the record changes it implies, and what must be read from Salesforce instead. */
export function planChange(event: ChangeEvent): ChangePlan {
  const { entity, changeType } = event;
  const version = changeVersion(event.commitTimestamp, event.sequenceNumber);
  if (changeType === 'GAP_OVERFLOW') return { changes: [], followUps: [{ kind: 'reconcile', entity, reason: 'overflow event' }] };
  if (event.recordIds.some(isWildcardId)) return { changes: [], followUps: [{ kind: 'reconcile', entity, reason: `wildcard record id ${event.recordIds.find(isWildcardId)}` }] };
  const ids = [...new Set(event.recordIds)];
  if (changeType.startsWith('GAP_')) return { changes: [], followUps: [{ kind: 'refetch', entity, ids, version }] };
  if (changeType === 'DELETE') return { changes: ids.map((id) => ({ kind: 'remove', entity, id, version, reason: 'deleted' })), followUps: [] };
  if (changeType === 'CREATE' || changeType === 'UNDELETE') {
    const fields = pick(entity, event.fields);
    return { changes: ids.map((id) => ({ kind: 'snapshot', entity, id, version, fields })), followUps: [] };
  }
  // UPDATE: only the changed and nulled fields are in the event.
  if (entity === 'Lead' && event.changedFields.includes('IsConverted') && event.fields.IsConverted === true) {
    return { changes: ids.map((id) => ({ kind: 'remove', entity, id, version, reason: 'converted' })), followUps: [] };
  }
  const nulled = new Set(event.nulledFields);
  const touched = pick(entity, event.fields, [...event.changedFields, ...event.nulledFields]);
  for (const name of Object.keys(touched)) if (nulled.has(name)) touched[name] = null;
  if (Object.keys(touched).length === 0) return { changes: [], followUps: [] };
  return { changes: ids.map((id) => ({ kind: 'merge', entity, id, version, fields: touched })), followUps: [] };
}

/** The newest version the state has seen (a field's or the tombstone's). */
export function latestVersion(state: RecordState): number {
  return Math.max(state.deletedAt ?? 0, 0, ...Object.values(state.versions));
}

export interface Applied {
  state: RecordState;
  /** Changes that changed the state. */
  applied: number;
  /** Changes older than (or the same as) what the state had: no-ops. */
  stale: number;
}

function emptyState(change: RecordChange): RecordState {
  return { entity: change.entity, id: change.id, fields: {}, versions: {} };
}

/** Applies one change; `changed` is false when it was stale (older than, or the same as, what the state had). */
export function applyChange(current: RecordState | undefined, change: RecordChange): { state: RecordState; changed: boolean } {
  const state = current ?? emptyState(change);
  const { version } = change;
  if (change.kind === 'remove') {
    if (current && latestVersion(current) >= version) return { state, changed: false };
    return { state: { ...state, deletedAt: version }, changed: true };
  }
  if (state.deletedAt !== undefined && state.deletedAt >= version) return { state, changed: false };
  const fields = { ...state.fields };
  const versions = { ...state.versions };
  let changed = false;
  for (const [name, value] of Object.entries(change.fields)) {
    if ((versions[name] ?? -1) >= version) continue;
    fields[name] = value;
    versions[name] = version;
    changed = true;
  }
  // Only a whole record lifts a tombstone (an UNDELETE or a read); a late UPDATE cannot bring it back.
  const lift = change.kind === 'snapshot' && state.deletedAt !== undefined;
  if (!changed && !lift) return { state, changed: false };
  const next: RecordState = { entity: state.entity, id: state.id, fields, versions };
  if (state.deletedAt !== undefined && !lift) next.deletedAt = state.deletedAt;
  return { state: next, changed: true };
}

/** Applies a record's changes in version order (the order Salesforce committed them). */
export function applyChanges(current: RecordState | undefined, changes: readonly [RecordChange, ...RecordChange[]]): Applied {
  let state = current;
  let applied = 0;
  let stale = 0;
  for (const change of [...changes].sort((a, b) => a.version - b.version)) {
    const result = applyChange(state, change);
    state = result.state;
    if (result.changed) applied++;
    else stale++;
  }
  return { state: state ?? emptyState(changes[0]), applied, stale };
}

/** Gap refetch: what Salesforce returned for the ids (absent ids were deleted) → snapshots and removals. */
export function refetchChanges(followUp: Extract<FollowUp, { kind: 'refetch' }>, records: Map<string, { fields: Record<string, FieldValue>; systemModstampMs: number }>): RecordChange[] {
  return followUp.ids.map((id): RecordChange => {
    const found = records.get(id);
    if (!found) return { kind: 'remove', entity: followUp.entity, id, version: followUp.version, reason: 'deleted' };
    const version = Math.max(followUp.version, changeVersion(found.systemModstampMs, 0));
    return { kind: 'snapshot', entity: followUp.entity, id, version, fields: pick(followUp.entity, found.fields) };
  });
}
