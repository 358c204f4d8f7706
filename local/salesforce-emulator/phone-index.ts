import { phoneDigits, phoneFieldsOf, phoneTokens, rowMatchesPhone } from './phone-match';
import type { RecordStore } from './store';

/** Ids of the rows holding a phone number, per object, rebuilt only when that object's rows change. */
export class PhoneIndex {
  private readonly cache = new Map<string, { version: number; byKey: Map<string, Set<string>> }>();

  constructor(private readonly store: RecordStore) {}

  /** Ids of `sobject` rows with a phone one of whose tokens equals the term's digits. */
  matching(sobject: string, term: string): Set<string> {
    const candidates = this.index(sobject).get(phoneDigits(term)) ?? new Set<string>();
    const matched = new Set<string>();
    for (const id of candidates) {
      const row = this.store.get(id)?.row;
      if (row && rowMatchesPhone(sobject, row, term)) matched.add(id);
    }
    return matched;
  }

  private index(sobject: string): Map<string, Set<string>> {
    const version = this.store.version(sobject);
    const cached = this.cache.get(sobject);
    if (cached && cached.version === version) return cached.byKey;
    const byKey = new Map<string, Set<string>>();
    for (const row of this.store.rows(sobject)) {
      for (const field of phoneFieldsOf(sobject, row)) {
        const value = row[field];
        if (typeof value !== 'string' || value === '') continue;
        for (const key of phoneTokens(value)) {
          if (!byKey.has(key)) byKey.set(key, new Set());
          byKey.get(key)!.add(String(row.Id));
        }
      }
    }
    this.cache.set(sobject, { version, byKey });
    return byKey;
  }
}
