import { isWildcardId, type ChangeEvent, type DirectoryEntity, type FieldValue } from './change-event';

/**
 * Change events → what to write to the caller directory, applied idempotently in any order.
 *
 * The directory stores each record whole, at a version (epoch ms: SystemModstamp from a load, commitTimestamp
 * from a change event); a write older than the stored version is stale, and a delete leaves a tombstone.
 * A CREATE or UNDELETE carries the whole record; an UPDATE only its changed fields, merged into the stored
 * record. An UPDATE older than the stored record cannot be merged safely (a newer change may or may not have
 * set the same fields): when it says something the stored record does not, the record is read from Salesforce
 * instead, as is a record the directory does not hold yet.
 * Lead conversion is an UPDATE with IsConverted = true ("Change Events for Lead Conversion"): the Lead keeps
 * no number; the Account and Contact arrive by their own CREATE events. A merge sends a DELETE for the losers
 * and an UPDATE for the winner ("Triggers and Merge Statements", Apex Developer Guide). Gap events carry no
 * fields: their records are read from Salesforce; an overflow (or a wildcard record id) reconciles the whole
 * entity ("Gap Events", "Overflow Events", Change Data Capture Developer Guide).
 */

interface ChangeBase {
  entity: DirectoryEntity;
  id: string;
  /** The change's version: its commit time in epoch ms. */
  version: number;
  /** Its place inside the transaction (orders changes of the same millisecond). */
  sequence: number;
}

export type RecordChange =
  /** The whole record (CREATE, UNDELETE). */
  | (ChangeBase & { kind: 'write'; fields: Record<string, FieldValue> })
  /** Only these fields (UPDATE); `needs`: fields the held record must have for the merge (else it is read whole). */
  | (ChangeBase & { kind: 'update'; fields: Record<string, FieldValue>; needs: string[] })
  | (ChangeBase & { kind: 'remove' });

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

/**
 * The parts of a person's compound Name ("Get Compound Fields in Change Events"): an event sends the parts, the
 * directory keeps them beside Name, and Name is left empty so the parts name the record; changing one part needs the others.
 */
export const NAME_PARTS = ['FirstName', 'LastName'] as const;

/** The fields directory-sync keeps of an entity: the directory's own, and the Name parts of people. */
export function keptFields(entity: DirectoryEntity, directoryFields: readonly string[]): string[] {
  return entity === 'Contact' || entity === 'Lead' || entity === 'Account' ? [...new Set([...directoryFields, ...NAME_PARTS])] : [...directoryFields];
}

/** One change event → the record changes it implies, and what must be read from Salesforce instead. */
export function planChange(event: ChangeEvent, keep: (entity: DirectoryEntity) => readonly string[]): ChangePlan {
  const { entity, changeType } = event;
  const base = { entity, version: event.commitTimestamp, sequence: event.sequenceNumber };
  if (changeType === 'GAP_OVERFLOW') return { changes: [], followUps: [{ kind: 'reconcile', entity, reason: 'overflow event' }] };
  const wildcard = event.recordIds.find(isWildcardId);
  if (wildcard) return { changes: [], followUps: [{ kind: 'reconcile', entity, reason: `wildcard record id ${wildcard}` }] };
  const ids = [...new Set(event.recordIds)];
  if (changeType.startsWith('GAP_')) return { changes: [], followUps: [{ kind: 'refetch', entity, ids, version: event.commitTimestamp }] };
  if (changeType === 'DELETE') return { changes: ids.map((id) => ({ ...base, kind: 'remove', id })), followUps: [] };
  const kept = new Set(keep(entity));
  if (changeType === 'CREATE' || changeType === 'UNDELETE') {
    const fields: Record<string, FieldValue> = {};
    for (const name of kept) fields[name] = event.fields[name] ?? null;
    if (NAME_PARTS.some((part) => event.fields[part] != null)) fields.Name = null;
    return { changes: ids.map((id) => ({ ...base, kind: 'write', id, fields: { ...fields, Id: id } })), followUps: [] };
  }
  // UPDATE: in the payload unchanged fields are null too, so only changedFields and nulledFields count.
  const nulled = new Set(event.nulledFields);
  const fields: Record<string, FieldValue> = {};
  for (const name of [...event.changedFields, ...event.nulledFields]) if (kept.has(name)) fields[name] = nulled.has(name) ? null : (event.fields[name] ?? null);
  if (Object.keys(fields).length === 0) return { changes: [], followUps: [] };
  const renamed = NAME_PARTS.some((part) => part in fields);
  if (renamed) fields.Name = null;
  const needs = renamed ? [...NAME_PARTS] : [];
  return { changes: ids.map((id) => ({ ...base, kind: 'update', id, fields, needs })), followUps: [] };
}

/** A record as the directory holds it. */
export interface HeldRecord {
  version: number;
  deleted: boolean;
  fields: Record<string, unknown>;
}

export type RecordWrite = { kind: 'write'; fields: Record<string, unknown>; version: number } | { kind: 'remove'; version: number };

export interface Folded {
  /** What to write; undefined when nothing changes. */
  write?: RecordWrite;
  /** The record must be read from Salesforce (an UPDATE that cannot be merged). */
  refetch: boolean;
  applied: number;
  /** Changes older than (or the same as) what the directory held: no-ops. */
  stale: number;
}

const byCommit = (a: RecordChange, b: RecordChange) => a.version - b.version || a.sequence - b.sequence;

/** True when the update sets a field to something other than what the record holds. */
function saysMore(held: Record<string, unknown>, fields: Record<string, FieldValue>): boolean {
  return Object.entries(fields).some(([name, value]) => (held[name] ?? null) !== value);
}

const lacks = (held: Record<string, unknown>, names: readonly string[]) => names.some((name) => !(name in held));

/** Folds one record's changes (delivered in any order, repeated or not) onto what the directory holds. */
export function foldChanges(held: HeldRecord | undefined, changes: readonly RecordChange[]): Folded {
  let state = held;
  let write: RecordWrite | undefined;
  let refetch = false;
  let applied = 0;
  let stale = 0;
  for (const change of [...changes].sort(byCommit)) {
    const { version } = change;
    if (state && version < state.version) {
      if (change.kind === 'update' && !state.deleted && saysMore(state.fields, change.fields)) refetch = true;
      stale++;
      continue;
    }
    if (change.kind === 'remove') {
      if (state?.deleted && state.version === version) {
        stale++;
        continue;
      }
      state = { version, deleted: true, fields: state?.fields ?? { Id: change.id } };
      write = { kind: 'remove', version };
    } else if (change.kind === 'write') {
      if (state && !state.deleted && state.version === version && !saysMore(state.fields, change.fields)) {
        stale++;
        continue;
      }
      state = { version, deleted: false, fields: change.fields };
      write = { kind: 'write', fields: change.fields, version };
    } else {
      // An UPDATE of a record the directory does not hold whole (not loaded yet, deleted without the UNDELETE seen, or without a Name part).
      if (!state || state.deleted || lacks(state.fields, change.needs)) {
        refetch = true;
        continue;
      }
      if (state.version === version && !saysMore(state.fields, change.fields)) {
        stale++;
        continue;
      }
      state = { version, deleted: false, fields: { ...state.fields, ...change.fields } };
      write = { kind: 'write', fields: state.fields, version };
    }
    applied++;
  }
  return { ...(write ? { write } : {}), refetch, applied, stale };
}
