import { KeyPrefixes, recordId } from './ids';
import { Schemas, canonicalSObject } from './schema';
import type { ChangeNote } from './change-events';

export type Row = Record<string, unknown>;

const CLOSED_CASE = new Set(['Closed']);

/** The records of the emulated org, indexed by id. Rows are replaced, never mutated, so snapshots are cheap. */
export class RecordStore {
  readonly schemas: Schemas;
  private readonly prefixes = new KeyPrefixes();
  private tables = new Map<string, Map<string, Row>>();
  private byId = new Map<string, string>();
  private sequences = new Map<string, number>();
  /** Value indexes ("sobject.field" → value → ids), built on first lookup and kept up to date. */
  private indexes = new Map<string, Map<unknown, Set<string>>>();
  private versions = new Map<string, number>();
  /** Deleted (or merged-away) rows by id, as queryAll shows them (IsDeleted = true): a reference to one answers ENTITY_IS_DELETED. */
  private deleted = new Map<string, { sobject: string; row: Row }>();
  /** Writes of the transaction under way, for its change events; a rollback (snapshot) drops its share. */
  private changes: ChangeNote[] = [];

  constructor(
    private readonly now: () => string,
    personAccounts = true,
  ) {
    this.schemas = new Schemas(personAccounts);
  }

  sobjectName(name: string): string {
    return canonicalSObject(name, this.tables.keys());
  }

  rows(sobject: string): Row[] {
    return [...(this.tables.get(this.sobjectName(sobject))?.values() ?? [])];
  }

  get(id: string): { sobject: string; row: Row } | undefined {
    const full = id.length === 15 ? [...this.byId.keys()].find((k) => k.startsWith(id)) : id;
    const sobject = full ? this.byId.get(full) : undefined;
    const row = sobject ? this.tables.get(sobject)?.get(full!) : undefined;
    return sobject && row ? { sobject, row } : undefined;
  }

  /** Rows whose `field` equals `value` exactly (indexed; external ID lookups stay fast on big tables). */
  findBy(sobject: string, field: string, value: unknown): Row[] {
    const key = `${sobject}.${field}`;
    let index = this.indexes.get(key);
    if (!index) {
      index = new Map();
      for (const row of this.tables.get(sobject)?.values() ?? []) addTo(index, row[field], String(row.Id));
      this.indexes.set(key, index);
    }
    const table = this.tables.get(sobject);
    return [...(index.get(value) ?? [])].map((id) => table?.get(id)).filter((r): r is Row => r !== undefined);
  }

  /** Changes whenever a row of `sobject` is written or deleted (lets derived indexes know when to rebuild). */
  version(sobject: string): number {
    return this.versions.get(sobject) ?? 0;
  }

  private touch(sobject: string): void {
    this.versions.set(sobject, this.version(sobject) + 1);
  }

  newId(sobject: string): string {
    const prefix = this.prefixes.prefixOf(sobject);
    let id: string;
    do {
      const next = (this.sequences.get(prefix) ?? 0) + 1;
      this.sequences.set(prefix, next);
      id = recordId(prefix, next);
    } while (this.byId.has(id));
    return id;
  }

  /** Adds rows as given (no validation), filling ids, system fields and derived fields. */
  insert(sobject: string, rows: Row[]): string[] {
    const name = this.sobjectName(sobject);
    return rows.map((given) => {
      const { attributes: _attributes, ...fields } = given;
      this.schemas.widen(name, Object.keys(fields));
      const id = typeof fields.Id === 'string' && fields.Id ? fields.Id : this.newId(name);
      const stamp = this.now();
      const defaults = Object.fromEntries(this.schemas.checkboxes(name).map((f) => [f, false]));
      const created = typeof fields.CreatedDate === 'string' ? fields.CreatedDate : stamp;
      this.put(
        name,
        this.derive(name, { ...defaults, CreatedDate: created, LastModifiedDate: created, SystemModstamp: created, IsDeleted: false, ...fields, Id: id }),
      );
      return id;
    });
  }

  /** Applies changes to an existing row. */
  update(sobject: string, id: string, changes: Row): Row {
    const existing = this.tables.get(sobject)?.get(id);
    if (!existing) throw new RangeError(`no ${sobject} ${id}`);
    const stamp = this.now();
    const row = this.derive(sobject, { ...existing, ...changes, Id: id, LastModifiedDate: stamp, SystemModstamp: stamp });
    this.put(sobject, row);
    return row;
  }

  delete(id: string): boolean {
    const sobject = this.byId.get(id);
    if (!sobject) return false;
    const row = this.tables.get(sobject)?.get(id);
    if (row) this.unindex(sobject, row);
    this.tables.get(sobject)?.delete(id);
    this.byId.delete(id);
    const stamp = this.now();
    if (row) this.deleted.set(id, { sobject, row: { ...row, IsDeleted: true, LastModifiedDate: stamp, SystemModstamp: stamp } });
    this.touch(sobject);
    return true;
  }

  isDeleted(id: string): boolean {
    return this.deleted.has(id) || (id.length === 15 && [...this.deleted.keys()].some((d) => d.startsWith(id)));
  }

  /** Puts a deleted row back (IsDeleted false, new stamps); undefined when `id` is not in the recycle bin. */
  undelete(id: string): { sobject: string; row: Row } | undefined {
    const found = this.deleted.get(id);
    if (!found) return undefined;
    this.deleted.delete(id);
    const stamp = this.now();
    const row = { ...found.row, IsDeleted: false, LastModifiedDate: stamp, SystemModstamp: stamp };
    this.put(found.sobject, row);
    return { sobject: found.sobject, row };
  }

  noteChange(note: ChangeNote): void {
    this.changes.push(note);
  }

  /** The transaction's writes so far, in order; the list starts empty again. */
  takeChanges(): ChangeNote[] {
    return this.changes.splice(0);
  }

  /** Deleted rows of `sobject` (queryAll). */
  deletedRows(sobject: string): Row[] {
    const name = this.sobjectName(sobject);
    return [...this.deleted.values()].filter((d) => d.sobject === name).map((d) => d.row);
  }

  snapshot(): () => void {
    const tables = new Map([...this.tables].map(([k, v]) => [k, new Map(v)]));
    const byId = new Map(this.byId);
    const sequences = new Map(this.sequences);
    const deleted = new Map(this.deleted);
    const changes = this.changes.length;
    return () => {
      this.deleted = deleted;
      this.changes = this.changes.slice(0, changes);
      this.indexes = new Map();
      for (const sobject of this.versions.keys()) this.touch(sobject);
      this.tables = tables;
      this.byId = byId;
      this.sequences = sequences;
    };
  }

  private put(sobject: string, row: Row): void {
    let table = this.tables.get(sobject);
    if (!table) this.tables.set(sobject, (table = new Map()));
    const previous = table.get(row.Id as string);
    if (previous) this.unindex(sobject, previous);
    table.set(row.Id as string, row);
    this.touch(sobject);
    for (const [key, index] of this.indexes) if (key.startsWith(`${sobject}.`)) addTo(index, row[key.slice(sobject.length + 1)], row.Id as string);
    this.byId.set(row.Id as string, sobject);
  }

  private unindex(sobject: string, row: Row): void {
    for (const [key, index] of this.indexes) if (key.startsWith(`${sobject}.`)) index.get(row[key.slice(sobject.length + 1)])?.delete(row.Id as string);
  }

  /** Fields Salesforce computes: names, closed flags, the Task's account. */
  private derive(sobject: string, row: Row): Row {
    const out = { ...row };
    const personName = sobject !== 'Account' || out.IsPersonAccount === true;
    if (personName && ['Contact', 'Lead', 'User', 'Account'].includes(sobject) && (out.FirstName !== undefined || out.LastName !== undefined)) {
      out.Name = [out.FirstName, out.LastName].filter((p) => typeof p === 'string' && p).join(' ');
    }
    if (sobject === 'Task' && out.Status !== undefined) out.IsClosed = out.Status === 'Completed';
    if (sobject === 'Case' && out.Status !== undefined) out.IsClosed = CLOSED_CASE.has(String(out.Status));
    if (sobject === 'Opportunity' && out.StageName !== undefined) {
      out.IsClosed = /^Closed/.test(String(out.StageName));
      out.IsWon = out.StageName === 'Closed Won';
    }
    if (sobject === 'Task') out.AccountId = this.accountOf(out.WhatId) ?? this.accountOf(out.WhoId) ?? null;
    return out;
  }

  private accountOf(id: unknown): string | undefined {
    if (typeof id !== 'string') return undefined;
    const found = this.get(id);
    if (!found) return undefined;
    if (found.sobject === 'Account') return id;
    return typeof found.row.AccountId === 'string' ? found.row.AccountId : undefined;
  }
}

function addTo(index: Map<unknown, Set<string>>, value: unknown, id: string): void {
  if (value === undefined || value === null || value === '') return;
  let ids = index.get(value);
  if (!ids) index.set(value, (ids = new Set()));
  ids.add(id);
}
