import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { buildCases, buildOpportunities } from './pipeline';
import { buildAccounts, buildContacts, buildLeads, buildUsers, shareContactNumbers, type Row, type WorldTools } from './people';
import { PhonePool } from './phones';
import { seededRandom } from '../synthetic/mulberry32';

/** The deterministic demo org: the same seed and day always give the same records. */

export { demoUnknownNumbers } from './phones';
export { DEMO_USER_IDS, INACTIVE_DEMO_USER } from './people';
export { demoUserId } from '../salesforce-emulator/ids';

export type DemoOrg = Record<string, Array<Record<string, unknown>>>;

export const DEFAULT_TODAY = '2026-11-24';
export const DEFAULT_SEED = 42;
export const SHARED_CONTACT_LEAD_NUMBERS = 25;

export interface DemoOrgOptions {
  seed?: number;
  today?: string;
}

const DAY = 86_400_000;

function tools(seed: number, today: string): WorldTools {
  const base = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(base)) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  const random = seededRandom(seed);
  return {
    random,
    phones: new PhonePool(random),
    // Working hours (08:00–18:00 UTC) of the day `days` ago.
    daysAgo: (days) => new Date(base - Math.floor(days) * DAY + (8 * 3600 + Math.floor(random.next() * 36_000)) * 1000).toISOString().replace('Z', '+0000'),
    date: (offset) => new Date(base + offset * DAY).toISOString().slice(0, 10),
  };
}

export function buildDemoOrg(options: DemoOrgOptions = {}): DemoOrg {
  const t = tools(options.seed ?? DEFAULT_SEED, options.today ?? DEFAULT_TODAY);
  const User = buildUsers(t);
  const Account = buildAccounts(t, 320, 30);
  const Contact = buildContacts(t, Account, 1100);
  const Lead = buildLeads(t, 250);
  shareContactNumbers(t, Contact, Lead, SHARED_CONTACT_LEAD_NUMBERS);
  const Case = buildCases(
    t,
    Contact,
    Account.filter((a) => a.IsPersonAccount === true),
    420,
  );
  const Opportunity = buildOpportunities(
    t,
    Account.filter((a) => a.IsPersonAccount !== true),
    45,
  );
  return { User, Account, Contact, Lead, Case, Opportunity };
}

export interface PhoneBookEntry {
  phoneE164: string;
  recordId: string;
  type: 'Contact' | 'Lead' | 'Account' | 'PersonAccount';
  accountId: string;
}

const PHONE_FIELDS: Record<'Contact' | 'Lead' | 'Account' | 'PersonAccount', string[]> = {
  Contact: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'],
  Lead: ['Phone', 'MobilePhone'],
  Account: ['Phone'],
  PersonAccount: ['Phone', 'PersonMobilePhone', 'PersonHomePhone', 'PersonOtherPhone'],
};

/** Every (number, record) pair in the org, numbers in E.164 (default country US); a number on several records is listed once per record. */
export function demoPhoneBook(org: DemoOrg): PhoneBookEntry[] {
  const entries: PhoneBookEntry[] = [];
  const add = (row: Row, type: PhoneBookEntry['type'], accountId: string) => {
    const seen = new Set<string>();
    for (const field of PHONE_FIELDS[type]) {
      const value = row[field];
      if (typeof value !== 'string' || value.trim() === '') continue;
      const parsed = parsePhoneNumberFromString(value, 'US');
      if (!parsed || seen.has(parsed.number)) continue;
      seen.add(parsed.number);
      entries.push({ phoneE164: parsed.number, recordId: String(row.Id), type, accountId });
    }
  };
  for (const row of org.Contact ?? []) add(row, 'Contact', typeof row.AccountId === 'string' ? row.AccountId : '');
  for (const row of org.Lead ?? []) add(row, 'Lead', '');
  for (const row of org.Account ?? []) add(row, row.IsPersonAccount === true ? 'PersonAccount' : 'Account', String(row.Id));
  return entries;
}
