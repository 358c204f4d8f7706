import { demoUserId, recordId } from '../salesforce-emulator/ids';
import {
  ACCOUNT_TYPES,
  COMPANY_FIRST,
  COMPANY_SECOND,
  COMPANY_SUFFIX,
  FIRST_NAMES,
  INDUSTRIES,
  LAST_NAMES,
  LEAD_SOURCES,
  LEAD_STATUSES,
  TIERS,
  TITLES,
} from './names';
import { formatPhone, rewritePhone, type PhonePool } from './phones';
import type { Random } from '../synthetic/mulberry32';

/** Users, Accounts (business and person), Contacts and Leads of the demo org. */

export type Row = Record<string, unknown>;

export const DEMO_USER_COUNT = 20;
export const DEMO_USER_IDS = Array.from({ length: DEMO_USER_COUNT }, (_, i) => demoUserId(i + 1));
export const INACTIVE_DEMO_USER = demoUserId(DEMO_USER_COUNT);

export interface WorldTools {
  random: Random;
  phones: PhonePool;
  /** A DateTime n days (fractional) before today, Salesforce format. */
  daysAgo(days: number): string;
  date(offsetDays: number): string;
}

const emailOf = (first: string, last: string, domain: string) =>
  `${first}.${last}@${domain}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9.@-]/g, '');

export function buildUsers(tools: WorldTools): Row[] {
  return DEMO_USER_IDS.map((id, i) => {
    const n = i + 1;
    const first = FIRST_NAMES[(i * 7) % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(i * 11) % LAST_NAMES.length]!;
    return {
      Id: id,
      FirstName: first,
      LastName: last,
      Name: `${first} ${last}`,
      Username: `rep${String(n).padStart(2, '0')}@callwise.demo`,
      Email: emailOf(first, last, 'callwise.demo'),
      Alias: `rep${String(n).padStart(2, '0')}`,
      IsActive: id !== INACTIVE_DEMO_USER,
      Title: n <= 2 ? 'Sales Manager' : n <= 12 ? 'Account Executive' : 'Support Representative',
      FederationIdentifier: `agent-0${String(n).padStart(2, '0')}`,
      CreatedDate: tools.daysAgo(700 - n),
    };
  });
}

const phone = (tools: WorldTools, probability: number) => (tools.random.chance(probability) ? formatPhone(tools.phones.take(), tools.random) : null);

export function buildAccounts(tools: WorldTools, count: number, personCount: number): Row[] {
  const { random } = tools;
  const usedNames = new Set<string>();
  const personSlots = new Set<number>();
  while (personSlots.size < personCount) personSlots.add(random.int(0, count - 1));
  return Array.from({ length: count }, (_, i) => {
    const common = {
      Id: recordId('001', i + 1),
      OwnerId: random.pick(DEMO_USER_IDS),
      Industry: random.pick(INDUSTRIES),
      CreatedDate: tools.daysAgo(random.int(30, 720)),
      Callwise_Tier__c: random.chance(0.3) ? null : random.pick(TIERS),
      Callwise_Overdue_Invoice__c: random.chance(0.05),
    };
    if (personSlots.has(i)) {
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      return {
        ...common,
        IsPersonAccount: true,
        FirstName: first,
        LastName: last,
        Name: `${first} ${last}`,
        Type: random.pick(['Customer - Direct', 'Prospect']),
        AnnualRevenue: null,
        PersonContactId: recordId('003', 9000 + i),
        PersonEmail: emailOf(first, last, 'example.com'),
        Phone: null,
        PersonMobilePhone: phone(tools, 0.9),
        PersonHomePhone: phone(tools, 0.5),
      };
    }
    let name = '';
    do name = `${random.pick(COMPANY_FIRST)} ${random.pick(COMPANY_SECOND)} ${random.pick(COMPANY_SUFFIX)}`;
    while (usedNames.has(name));
    usedNames.add(name);
    return {
      ...common,
      IsPersonAccount: false,
      Name: name,
      Type: random.pick(ACCOUNT_TYPES),
      AnnualRevenue: random.int(2, 5000) * 100_000,
      NumberOfEmployees: random.int(5, 20_000),
      Phone: phone(tools, 0.92),
      Website: `https://www.${name.split(' ')[0]!.toLowerCase()}.example`,
    };
  });
}

export function buildContacts(tools: WorldTools, accounts: Row[], count: number): Row[] {
  const { random } = tools;
  const business = accounts.filter((a) => a.IsPersonAccount !== true);
  return Array.from({ length: count }, (_, i) => {
    const account = business[i < business.length ? i : random.int(0, business.length - 1)]!;
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    // A few contacts give the company's main number as their own, as in real orgs.
    const sharesMainLine = typeof account.Phone === 'string' && random.chance(0.03);
    return {
      Id: recordId('003', i + 1),
      AccountId: account.Id,
      FirstName: first,
      LastName: last,
      Name: `${first} ${last}`,
      Title: random.pick(TITLES),
      Email: emailOf(first, last, `${String(account.Name).split(' ')[0]!.toLowerCase()}.example`),
      OwnerId: random.chance(0.8) ? account.OwnerId : random.pick(DEMO_USER_IDS),
      Phone: sharesMainLine ? account.Phone : phone(tools, 0.85),
      MobilePhone: phone(tools, 0.55),
      HomePhone: phone(tools, 0.12),
      OtherPhone: phone(tools, 0.06),
      CreatedDate: tools.daysAgo(random.int(1, 700)),
    };
  });
}

export function buildLeads(tools: WorldTools, count: number): Row[] {
  const { random } = tools;
  return Array.from({ length: count }, (_, i) => {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const status = random.pick(LEAD_STATUSES);
    const company = `${random.pick(COMPANY_FIRST)} ${random.pick(COMPANY_SECOND)}`;
    return {
      Id: recordId('00Q', i + 1),
      FirstName: first,
      LastName: last,
      Name: `${first} ${last}`,
      Company: company,
      Title: random.pick(TITLES),
      Email: emailOf(first, last, 'example.org'),
      Status: status,
      IsConverted: status === 'Closed - Converted',
      LeadSource: random.pick(LEAD_SOURCES),
      OwnerId: random.pick(DEMO_USER_IDS),
      Phone: phone(tools, 0.85),
      MobilePhone: phone(tools, 0.45),
      CreatedDate: tools.daysAgo(random.int(1, 365)),
    };
  });
}

/** Gives ≥ `count` Leads the number of a Contact (the same person entered twice), so those numbers are ambiguous. */
export function shareContactNumbers(tools: WorldTools, contacts: Row[], leads: Row[], count: number): void {
  const withPhone = contacts.filter((c) => typeof c.Phone === 'string' || typeof c.MobilePhone === 'string');
  for (let i = 0; i < count && i < leads.length; i++) {
    const contact = withPhone[(i * 37) % withPhone.length]!;
    const lead = leads[(i * 7) % leads.length]!;
    lead.Phone = rewritePhone(String(contact.MobilePhone ?? contact.Phone), tools.random);
    lead.FirstName = contact.FirstName;
    lead.LastName = contact.LastName;
    lead.Name = contact.Name;
    if (tools.random.chance(0.5)) lead.Status = 'Open - Not Contacted';
    lead.IsConverted = lead.Status === 'Closed - Converted';
  }
}
