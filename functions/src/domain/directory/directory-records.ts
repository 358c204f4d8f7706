import { better, PHONE_FIELDS, stripExtension } from '../routing/caller-match';
import {
  type AccountContext,
  type ContextSummary,
  type DirectoryCaller,
  DIRECTORY_OPEN_OPPORTUNITIES,
  EMPTY_SUMMARY,
  type NumberRef,
} from '../routing/caller-profile';
import { toE164 } from '../routing/phone';
import { DIRECTORY_ENTITIES, type DirectoryEntity } from './change-event';

/**
 * Salesforce records in the caller directory's words, and the pure rules of writing them: which numbers a
 * record holds, where a number's refs go, what an Account's Case and Opportunity summaries say. The same
 * mapping serves the initial load (Bulk API CSV rows: every value a string) and change events (typed JSON).
 */

export { DIRECTORY_ENTITIES, type DirectoryEntity };

const SYSTEM_FIELDS = ['Id', 'LastModifiedDate', 'SystemModstamp'];
/** A person's Name is compound: change events send (and change) its parts, so the parts are kept and win over Name. */
const PERSON_NAME = ['FirstName', 'LastName'];

/** The fields the directory reads of each entity (the load's SELECT lists them; a record item stores them for merging updates). */
export function directoryFields(entity: DirectoryEntity, personAccounts: boolean): string[] {
  switch (entity) {
    case 'Account':
      return [
        ...SYSTEM_FIELDS,
        'Name',
        'OwnerId',
        'Type',
        'AnnualRevenue',
        'Callwise_Tier__c',
        'Callwise_Overdue_Invoice__c',
        ...PHONE_FIELDS.Account,
        ...(personAccounts ? ['IsPersonAccount', ...PERSON_NAME, ...PHONE_FIELDS.PersonAccount] : []),
      ];
    case 'Contact':
      return [...SYSTEM_FIELDS, 'Name', ...PERSON_NAME, 'OwnerId', 'AccountId', ...PHONE_FIELDS.Contact, ...(personAccounts ? ['IsPersonAccount'] : [])];
    case 'Lead':
      return [...SYSTEM_FIELDS, 'Name', ...PERSON_NAME, 'OwnerId', 'IsConverted', ...PHONE_FIELDS.Lead];
    case 'Case':
      return [...SYSTEM_FIELDS, 'AccountId', 'ContactId', 'IsClosed', 'Subject', 'Priority', 'CreatedDate'];
    case 'Opportunity':
      return [...SYSTEM_FIELDS, 'Name', 'AccountId', 'IsClosed', 'StageName', 'Amount', 'CloseDate', 'Type'];
  }
}

/** One open Case, kept under its anchor (its Account, else its Contact) for the summary. */
export interface DirectoryCase {
  id: string;
  /** Where its summary lives: the AccountId, else the ContactId; '' when it names neither. */
  anchorId: string;
  open: boolean;
  subject: string;
  priority: string;
  createdDate: string;
}

export interface DirectoryOpportunity {
  id: string;
  anchorId: string;
  open: boolean;
  name: string;
  stageName: string;
  amount: number;
  closeDate: string;
  type: string;
}

/** What one Salesforce row means to the directory. A person Contact is its Person Account seen from the Contact side: `ignored`. */
export type DirectoryRecord =
  | { kind: 'caller'; caller: DirectoryCaller; account?: AccountContext }
  | { kind: 'case'; case: DirectoryCase }
  | { kind: 'opportunity'; opportunity: DirectoryOpportunity }
  | { kind: 'ignored'; id: string };

export type SalesforceFields = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const flag = (v: unknown): boolean => v === true || v === 'true';
const amount = (v: unknown): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : 0;
  return Number.isFinite(n) ? n : 0;
};
/** Salesforce datetimes ("…+0000", "…Z", epoch ms) as ISO 8601 UTC; '' when absent or unreadable. */
export function isoTime(v: unknown): string {
  const ms = typeof v === 'number' ? v : Date.parse(text(v).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}
/** A record's version: its SystemModstamp (or the change event's commitTimestamp) in epoch ms. */
export function versionOf(fields: SalesforceFields): number {
  const ms = Date.parse(isoTime(fields.SystemModstamp ?? fields.LastModifiedDate));
  return Number.isFinite(ms) ? ms : 0;
}
/** FirstName + LastName when the record has them (change events send a person's Name as its parts), else Name. */
function nameOf(fields: SalesforceFields): string {
  const name = fields.Name;
  if (name && typeof name === 'object') return nameOf(name as SalesforceFields);
  return [text(fields.FirstName), text(fields.LastName)].filter(Boolean).join(' ') || text(name);
}

/** Every distinct number among the fields, as E.164; extensions dropped; what is not a phone number left out. */
export function numbersOf(fields: SalesforceFields, phoneFields: readonly string[], defaultCountry: string): string[] {
  const numbers = phoneFields
    .map((f) => text(fields[f]))
    .filter((raw) => raw.trim() !== '')
    .map((raw) => toE164(stripExtension(raw), defaultCountry));
  return [...new Set(numbers.filter((n): n is string => n !== null))];
}

/** Reads one Salesforce row of `entity`; throws a DirectoryRecordError naming what is missing. */
export function directoryRecordOf(entity: DirectoryEntity, fields: SalesforceFields, defaultCountry: string): DirectoryRecord {
  const id = text(fields.Id);
  if (!id) throw new DirectoryRecordError(entity, 'has no Id');
  const base = { id, name: nameOf(fields), ownerId: text(fields.OwnerId), lastModified: isoTime(fields.LastModifiedDate ?? fields.SystemModstamp) };
  switch (entity) {
    case 'Account': {
      const person = flag(fields.IsPersonAccount);
      const phones = person ? [...PHONE_FIELDS.Account, ...PHONE_FIELDS.PersonAccount] : PHONE_FIELDS.Account;
      const account: AccountContext = {
        id,
        name: base.name,
        tier: text(fields.Callwise_Tier__c),
        annualRevenue: amount(fields.AnnualRevenue),
        type: text(fields.Type),
        ownerId: base.ownerId,
        overdueInvoice: flag(fields.Callwise_Overdue_Invoice__c),
      };
      return {
        kind: 'caller',
        caller: { ...base, type: person ? 'PersonAccount' : 'Account', accountId: id, numbers: numbersOf(fields, phones, defaultCountry) },
        account,
      };
    }
    case 'Contact':
      if (flag(fields.IsPersonAccount)) return { kind: 'ignored', id };
      return {
        kind: 'caller',
        caller: { ...base, type: 'Contact', accountId: text(fields.AccountId), numbers: numbersOf(fields, PHONE_FIELDS.Contact, defaultCountry) },
      };
    case 'Lead':
      // A converted Lead is history, not a caller: it keeps its record item but holds no number.
      return {
        kind: 'caller',
        caller: { ...base, type: 'Lead', accountId: '', numbers: flag(fields.IsConverted) ? [] : numbersOf(fields, PHONE_FIELDS.Lead, defaultCountry) },
      };
    case 'Case':
      return {
        kind: 'case',
        case: {
          id,
          anchorId: text(fields.AccountId) || text(fields.ContactId),
          open: !flag(fields.IsClosed),
          subject: text(fields.Subject),
          priority: text(fields.Priority),
          createdDate: isoTime(fields.CreatedDate),
        },
      };
    case 'Opportunity':
      return {
        kind: 'opportunity',
        opportunity: {
          id,
          anchorId: text(fields.AccountId),
          open: !flag(fields.IsClosed),
          name: base.name,
          stageName: text(fields.StageName),
          amount: amount(fields.Amount),
          closeDate: text(fields.CloseDate).slice(0, 10),
          type: text(fields.Type),
        },
      };
  }
}

export function refOf(caller: DirectoryCaller): NumberRef {
  return { id: caller.id, type: caller.type, accountId: caller.accountId, lastModified: caller.lastModified };
}

/** A number's refs with `ref` added or replaced (or `id` removed), best first, as the live lookup ranks matches. */
export function withRef(refs: readonly NumberRef[], change: { put: NumberRef } | { remove: string }): NumberRef[] {
  const id = 'put' in change ? change.put.id : change.remove;
  const kept = refs.filter((r) => r.id !== id);
  if ('put' in change) kept.push(change.put);
  return kept.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

/** The child items of an anchor, as stored (sk CASE#… / OPP#…), summarised the way the live lookup reads Salesforce. */
export function summarise(cases: readonly DirectoryCase[], opportunities: readonly DirectoryOpportunity[]): ContextSummary {
  const open = cases.filter((c) => c.open);
  const latest = [...open].sort((a, b) => b.createdDate.localeCompare(a.createdDate) || a.id.localeCompare(b.id))[0];
  const opps = opportunities
    .filter((o) => o.open)
    .sort((a, b) => a.closeDate.localeCompare(b.closeDate) || a.id.localeCompare(b.id))
    .slice(0, DIRECTORY_OPEN_OPPORTUNITIES)
    .map(({ id, name, stageName, amount: value, closeDate, type }) => ({ id, name, stageName, amount: value, closeDate, type }));
  if (!latest) return { cases: EMPTY_SUMMARY.cases, opportunities: opps };
  return {
    cases: { count: open.length, latestId: latest.id, latestSubject: latest.subject, latestPriority: latest.priority, latestCreated: latest.createdDate },
    opportunities: opps,
  };
}

export class DirectoryRecordError extends Error {
  constructor(entity: string, problem: string) {
    super(`A ${entity} row ${problem}: it was not written to the caller directory`);
    this.name = 'DirectoryRecordError';
  }
}
