import { SalesforceApiError, invalidField } from './errors';
import type { RecordStore, Row } from './store';

/** Field paths such as `Name`, `Account.Name`, `Who.Name`, `Account.Owner.Name`, resolved against the store. */

const RELATIONSHIP_TARGETS: Record<string, string | null> = {
  Account: 'Account',
  Owner: 'User',
  CreatedBy: 'User',
  LastModifiedBy: 'User',
  Manager: 'User',
  Contact: 'Contact',
  PersonContact: 'Contact',
  Parent: 'Parent',
  ConvertedAccount: 'Account',
  ConvertedContact: 'Contact',
  Who: null,
  What: null,
};
const POLYMORPHIC = new Set(['Who', 'What']);

export interface Hop {
  /** Output key (Account, Owner, Custom__r). */
  name: string;
  idField: string;
  polymorphic: boolean;
}

export interface ResolvedPath {
  hops: Hop[];
  field: string;
  /** The dotted path with canonical spelling. */
  canonical: string;
  get(row: Row): unknown;
}

function hopFor(store: RecordStore, sobject: string, relationship: string, raw: string): Hop {
  const custom = /__r$/i.test(relationship);
  const idField = store.schemas.canonical(sobject, custom ? `${relationship.slice(0, -3)}__c` : `${relationship}Id`);
  if (!idField) {
    throw new SalesforceApiError(
      400,
      'INVALID_FIELD',
      `Didn't understand relationship '${relationship}' in field path '${raw}'. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`,
    );
  }
  const name = idField.endsWith('__c') ? `${idField.slice(0, -3)}__r` : idField.slice(0, -2);
  return { name, idField, polymorphic: POLYMORPHIC.has(name) };
}

export function resolvePath(store: RecordStore, sobject: string, raw: string): ResolvedPath {
  const parts = raw.split('.');
  const fieldName = parts.pop() ?? '';
  const hops: Hop[] = [];
  let current: string | null = sobject;
  for (const relationship of parts) {
    if (current === null) {
      hops.push({ name: relationship, idField: `${relationship}Id`, polymorphic: false });
      continue;
    }
    const hop = hopFor(store, current, relationship, raw);
    hops.push(hop);
    const target: string | null | undefined = RELATIONSHIP_TARGETS[hop.name];
    current = target === undefined ? null : target === 'Parent' ? current : target;
  }
  const field = current === null ? fieldName : store.schemas.canonical(current, fieldName);
  if (!field) throw invalidField(current ?? sobject, fieldName);
  const get = (row: Row): unknown => {
    let at: Row | undefined = row;
    for (const hop of hops) {
      const id: unknown = at?.[hop.idField];
      at = typeof id === 'string' ? store.get(id)?.row : undefined;
      if (!at) return null;
    }
    if (hops.length === 0) return at[field] ?? null;
    const target = store.get(String(at.Id));
    const name = target ? (store.schemas.canonical(target.sobject, field) ?? field) : field;
    return at[name] ?? null;
  };
  return { hops, field, canonical: [...hops.map((h) => h.name), field].join('.'), get };
}

export function recordUrl(version: string, sobject: string, id: unknown): string {
  return `/services/data/v${version}/sobjects/${sobject}/${String(id)}`;
}

/** Writes the selected paths of one row into a Salesforce-shaped record, nesting parent records. */
export function project(store: RecordStore, version: string, sobject: string, row: Row, paths: ResolvedPath[]): Row {
  const out: Row = { attributes: { type: sobject, url: recordUrl(version, sobject, row.Id) } };
  for (const path of paths) {
    let target: Row = out;
    let at: Row | undefined = row;
    let broken = false;
    for (const hop of path.hops) {
      const id: unknown = at?.[hop.idField];
      const found = typeof id === 'string' ? store.get(id) : undefined;
      at = found?.row;
      if (!found) {
        if (!(hop.name in target)) target[hop.name] = null;
        broken = true;
        break;
      }
      const existing = target[hop.name];
      const nested: Row =
        existing && typeof existing === 'object'
          ? (existing as Row)
          : { attributes: { type: hop.polymorphic ? 'Name' : found.sobject, url: recordUrl(version, found.sobject, found.row.Id) } };
      target[hop.name] = nested;
      target = nested;
    }
    if (broken) continue;
    target[path.field] = path.hops.length === 0 ? (row[path.field] ?? null) : path.get(row);
  }
  return out;
}
