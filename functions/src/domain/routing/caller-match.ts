import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CallerRecordType } from './caller-profile';
import { toE164 } from './phone';

/**
 * Which Salesforce record a caller is, given the records a SOSL phone search returned.
 *
 * SOSL over-matches (it finds the digits anywhere in any phone field), so first every row is checked:
 * a row matches when at least one of its phone fields, with any extension removed, normalises to the
 * caller's E.164 number (numbers stored without a country code are read in the org's default country).
 *
 * Then the best match is chosen by this rule:
 *   1. a Contact on a business Account   (a known person at a known customer)
 *   2. a Person Account                  (a consumer customer)
 *   3. a Contact without an Account      (a known person, no customer record)
 *   4. a business Account                (the company's main number: we know the customer, not the person)
 *   5. an unconverted Lead               (a prospect; converted Leads never match)
 * Within a rank the most recently modified record wins; equal times fall back to the lowest Id, so the
 * choice is deterministic. A Person Account found both as its Account and as its person Contact counts once.
 *
 * `matchCount` is the number of distinct records that matched exactly (before the best one was chosen).
 */

export type MatchRowType = 'Contact' | 'Lead' | 'Account';

/** One SOSL row, in the adapter's words: which record, and every phone it stores. */
export interface PhoneMatchRow {
  type: MatchRowType;
  id: string;
  name: string;
  ownerId: string;
  /** ISO timestamp. */
  lastModified: string;
  phones: Array<string | null | undefined>;
  /** Contact: its Account (for a person Contact, the Person Account). */
  accountId?: string | null;
  /** Account or Contact of a Person Account (orgs with person accounts only). */
  isPersonAccount?: boolean;
  /** Lead: converted Leads are history, not callers. */
  isConverted?: boolean;
}

export interface CallerCandidate {
  id: string;
  type: CallerRecordType;
  name: string;
  ownerId: string;
  /** The Account to load context from: the Contact's Account, or the Account itself; '' for Leads and orphan Contacts. */
  accountId: string;
  lastModified: string;
}

export interface CallerMatch {
  best: CallerCandidate;
  matchCount: number;
}

export const MATCH_RANK: Readonly<Record<string, number>> = {
  ContactOnAccount: 1,
  PersonAccount: 2,
  Contact: 3,
  Account: 4,
  Lead: 5,
};

/** Every phone field of the caller objects (Person Account fields exist only in orgs that have them). */
export const PHONE_FIELDS = {
  Contact: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'],
  Lead: ['Phone', 'MobilePhone'],
  Account: ['Phone'],
  PersonAccount: ['PersonMobilePhone', 'PersonHomePhone', 'PersonOtherPhone', 'PersonAssistantPhone'],
} as const;

/** "ext. 12", "x12", "#12", ";ext=12" at the end of a stored number. */
const EXTENSION = /\s*(?:;\s*ext\s*=|,|#|(?<![a-z])(?:extension|ext|x)\.?:?)\s*\d+\s*$/i;

export function stripExtension(raw: string): string {
  return raw.replace(EXTENSION, '').trim();
}

/** True when a stored phone value is the caller's number. */
export function samePhone(stored: string | null | undefined, callerE164: string, defaultCountry: string): boolean {
  if (typeof stored !== 'string' || stored.trim() === '') return false;
  return toE164(stripExtension(stored), defaultCountry) === callerE164;
}

/**
 * The digit strings to search for: the national significant number (4155550123 for +14155550123), which
 * national formats contain, and the full international digits (14155550123), which international formats
 * end with. Searching both finds every stored format; the exact check above then removes over-matches.
 * null when the input is not a valid E.164 number.
 */
export function phoneSearchTerms(callerE164: string): string[] | null {
  if (typeof callerE164 !== 'string' || !/^\+[1-9]\d{6,14}$/.test(callerE164)) return null;
  const parsed = parsePhoneNumberFromString(callerE164);
  if (!parsed?.isValid() || parsed.number !== callerE164) return null;
  // International digits, the national significant number, the national format with its trunk prefix
  // (020 7946 0958 → 02079460958) and the international one with the trunk prefix kept (+44 (0)20 7946 0958):
  // SOSL matches whole tokens, not suffixes, so each stored format needs its own term.
  const national = parsed.formatNational().replace(/\D/g, '');
  const trunk = national.endsWith(parsed.nationalNumber) ? national.slice(0, national.length - parsed.nationalNumber.length) : '';
  return [
    ...new Set([callerE164.slice(1), parsed.nationalNumber, national, ...(trunk ? [`${parsed.countryCallingCode}${trunk}${parsed.nationalNumber}`] : [])]),
  ];
}

function toCandidate(row: PhoneMatchRow): CallerCandidate | undefined {
  const base = { name: row.name, ownerId: row.ownerId, lastModified: row.lastModified };
  const accountId = row.accountId ?? '';
  switch (row.type) {
    case 'Lead':
      return row.isConverted ? undefined : { ...base, id: row.id, type: 'Lead', accountId: '' };
    case 'Account':
      return { ...base, id: row.id, type: row.isPersonAccount ? 'PersonAccount' : 'Account', accountId: row.id };
    case 'Contact':
      // A person Contact is the Person Account seen from the Contact side.
      if (row.isPersonAccount && accountId) return { ...base, id: accountId, type: 'PersonAccount', accountId };
      return { ...base, id: row.id, type: 'Contact', accountId };
  }
}

function rankOf(candidate: Pick<CallerCandidate, 'type' | 'accountId'>): number {
  if (candidate.type === 'Contact') return candidate.accountId ? MATCH_RANK.ContactOnAccount! : MATCH_RANK.Contact!;
  return MATCH_RANK[candidate.type]!;
}

/** True when `a` is the better caller record (lower rank, then newer, then lower Id). */
export function better(
  a: Pick<CallerCandidate, 'id' | 'type' | 'accountId' | 'lastModified'>,
  b: Pick<CallerCandidate, 'id' | 'type' | 'accountId' | 'lastModified'>,
): boolean {
  const byRank = rankOf(a) - rankOf(b);
  if (byRank !== 0) return byRank < 0;
  const byTime = (Date.parse(b.lastModified) || 0) - (Date.parse(a.lastModified) || 0);
  if (byTime !== 0) return byTime < 0;
  return a.id < b.id;
}

/** The best record for the caller and how many matched exactly; undefined when none did. */
export function matchCaller(rows: readonly PhoneMatchRow[], callerE164: string, defaultCountry: string): CallerMatch | undefined {
  const byId = new Map<string, CallerCandidate>();
  for (const row of rows) {
    if (!row.phones.some((phone) => samePhone(phone, callerE164, defaultCountry))) continue;
    const candidate = toCandidate(row);
    if (!candidate) continue;
    const seen = byId.get(candidate.id);
    // A Person Account may come as its Account and as its person Contact: count it once, named by the Account.
    const kept = !seen || row.type === 'Account' ? candidate : seen;
    byId.set(candidate.id, seen ? { ...kept, lastModified: latest(candidate.lastModified, seen.lastModified) } : candidate);
  }
  let best: CallerCandidate | undefined;
  for (const candidate of byId.values()) if (!best || better(candidate, best)) best = candidate;
  return best ? { best, matchCount: byId.size } : undefined;
}

function latest(a: string, b: string): string {
  return (Date.parse(a) || 0) >= (Date.parse(b) || 0) ? a : b;
}
