import { DIRECTORY_ENTITIES } from '../../functions/src/domain/directory/change-event';
import { INTEGRATION_USER_ID } from './auth';
import type { Row } from './store';

/**
 * Change Data Capture in the emulator: every committed write to a captured object becomes a change event with the
 * documented body (Change Data Capture Developer Guide: "ChangeEventHeader Fields", "Change Event Message
 * Structure", "Get Compound Fields in Change Events", "Merged Change Events"). One API request is one transaction:
 * one transactionKey, sequenceNumber 1..n in commit order, commitTimestamp from the emulator's clock. CREATE and
 * UNDELETE carry the record's fields, UPDATE only the changed ones (plus LastModifiedDate), DELETE none; the same
 * change to several records of one object in one transaction is one event listing all their ids.
 */

/** The objects the package's channel has members for (crm-package: Callwise_Directory__chn): the directory's. */
export const CAPTURED_OBJECTS = DIRECTORY_ENTITIES;

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE' | 'GAP_CREATE' | 'GAP_UPDATE' | 'GAP_DELETE' | 'GAP_UNDELETE' | 'GAP_OVERFLOW';

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: ChangeType;
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
  nulledFields: string[];
  diffFields: string[];
  changedFields: string[];
}

/** A change event as a Pub/Sub or CometD subscriber receives it: the schema id, the payload, the replay id. */
export interface ChangeEventMessage {
  schema: string;
  payload: Record<string, unknown> & { ChangeEventHeader: ChangeEventHeader };
  event: { replayId: number };
}

/** One write inside a transaction, noted by the writer (rolled back with the store). */
export type ChangeNote =
  | { changeType: 'CREATE' | 'UNDELETE'; sobject: string; id: string; after: Row }
  | { changeType: 'UPDATE'; sobject: string; id: string; before: Row; after: Row }
  | { changeType: 'DELETE'; sobject: string; id: string };

export type ChangeListener = (message: ChangeEventMessage) => void;

/** Contact and Lead Name is a compound field in change events; its components travel nested. */
const COMPOUND_NAME: Record<string, string[]> = { Contact: ['Salutation', 'FirstName', 'LastName'], Lead: ['Salutation', 'FirstName', 'LastName'] };
/** Not in change event bodies: the id is in the header; IsDeleted and SystemModstamp are not event fields; Name of a compound is rebuilt. */
const NOT_IN_BODY = new Set(['Id', 'IsDeleted', 'SystemModstamp', 'attributes']);

export class ChangeEventBus {
  private readonly listeners = new Set<ChangeListener>();
  private readonly log: ChangeEventMessage[] = [];
  private transactions = 0;
  private replayId = 0;

  constructor(private readonly clock: () => number) {}

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Every event published so far, in order. */
  published(): ChangeEventMessage[] {
    return this.log.map((m) => structuredClone(m));
  }

  /** Publishes one committed transaction's changes (those of captured objects) as change events. */
  commit(notes: ChangeNote[], changeOrigin: string): ChangeEventMessage[] {
    const captured = notes.filter((n) => (CAPTURED_OBJECTS as readonly string[]).includes(n.sobject));
    if (captured.length === 0) return [];
    const n = ++this.transactions;
    const base = {
      transactionKey: transactionKey(n),
      commitTimestamp: this.clock(),
      commitNumber: 10_000_000_000 + n,
      commitUser: INTEGRATION_USER_ID,
      changeOrigin,
      diffFields: [] as string[],
    };
    const bodies = mergeSameChanges(captured.map(body));
    const messages = bodies.map((b, i): ChangeEventMessage => ({
      schema: schemaId(b.entityName),
      payload: {
        ...b.fields,
        ChangeEventHeader: {
          ...base,
          entityName: b.entityName,
          recordIds: b.recordIds,
          changeType: b.changeType,
          sequenceNumber: i + 1,
          nulledFields: b.nulledFields,
          changedFields: b.changedFields,
        },
      },
      event: { replayId: ++this.replayId },
    }));
    for (const message of messages) {
      this.log.push(message);
      for (const listener of this.listeners) listener(structuredClone(message));
    }
    return messages;
  }
}

interface EventBody {
  entityName: string;
  recordIds: string[];
  changeType: ChangeType;
  changedFields: string[];
  nulledFields: string[];
  fields: Record<string, unknown>;
}

function body(note: ChangeNote): EventBody {
  const common = { entityName: note.sobject, recordIds: [note.id], changeType: note.changeType };
  if (note.changeType === 'DELETE') return { ...common, changedFields: [], nulledFields: [], fields: {} };
  if (note.changeType !== 'UPDATE') return { ...common, changedFields: [], nulledFields: [], fields: recordFields(note.sobject, note.after) };
  const compound = COMPOUND_NAME[note.sobject] ?? [];
  // Alphabetical, LastModifiedDate last (as the guide's samples end with it).
  const changed = Object.keys({ ...note.before, ...note.after })
    .filter((f) => !NOT_IN_BODY.has(f) && f !== 'LastModifiedDate' && !(compound.length > 0 && f === 'Name') && !same(note.before[f], note.after[f]))
    .sort((a, b) => (compound.includes(a) ? `Name.${a}` : a).localeCompare(compound.includes(b) ? `Name.${b}` : b));
  const fields: Record<string, unknown> = {};
  const changedFields: string[] = [];
  for (const f of changed) {
    if (compound.includes(f)) {
      fields.Name = { ...(fields.Name as object | undefined), [f]: value(note.after[f]) };
      changedFields.push(`Name.${f}`);
    } else {
      fields[f] = value(note.after[f]);
      changedFields.push(f);
    }
  }
  fields.LastModifiedDate = value(note.after.LastModifiedDate);
  changedFields.push('LastModifiedDate');
  const nulledFields = changed.filter((f) => value(note.after[f]) === null).map((f) => (compound.includes(f) ? `Name.${f}` : f));
  return { ...common, changedFields, nulledFields, fields };
}

/** CREATE/UNDELETE: the record's fields, compound Name nested, datetimes in UTC. */
function recordFields(sobject: string, row: Row): Record<string, unknown> {
  const compound = COMPOUND_NAME[sobject] ?? [];
  const fields: Record<string, unknown> = {};
  for (const [f, v] of Object.entries(row)) {
    if (NOT_IN_BODY.has(f) || (compound.length > 0 && f === 'Name')) continue;
    if (compound.includes(f)) fields.Name = { ...(fields.Name as object | undefined), [f]: value(v) };
    else fields[f] = value(v);
  }
  return fields;
}

/** "Merged Change Events": the same change to several records of one object in one transaction is one event. */
function mergeSameChanges(bodies: EventBody[]): EventBody[] {
  const out: EventBody[] = [];
  for (const b of bodies) {
    const twin =
      b.changeType === 'DELETE' || b.changeType === 'UPDATE'
        ? out.find((o) => o.entityName === b.entityName && o.changeType === b.changeType && JSON.stringify(o.fields) === JSON.stringify(b.fields))
        : undefined;
    if (twin) twin.recordIds.push(...b.recordIds);
    else out.push(b);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(value(a)) === JSON.stringify(value(b));

/** Event values: empty as null; stored datetimes (`…+0000`) in UTC with Z, as the documented samples show them. */
function value(v: unknown): unknown {
  if (v === undefined || v === '') return null;
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+0000$/.test(v)) return v.replace('+0000', 'Z');
  return v;
}

/** A UUID-shaped transaction key, deterministic per transaction number. */
function transactionKey(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0005e1a2-9b3c-4d5e-8f60-${hex}`;
}

/** A stable schema id per object (the real ones are opaque 22-character strings). */
function schemaId(entity: string): string {
  return Buffer.from(`${entity}ChangeEvent`).toString('base64url').padEnd(22, 'A').slice(0, 22);
}
