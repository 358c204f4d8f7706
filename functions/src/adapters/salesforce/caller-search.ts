import type { PhoneMatchRow } from '../../domain/routing/caller-match';
import { soslTerm } from './soql';

/**
 * The first round trip of a caller lookup: one SOSL search over every phone field of Contacts, open
 * Leads and Accounts. It finds every stored format of the number because it searches both the national
 * significant number and the international digits; the domain then keeps only exact matches (SOSL over-matches).
 */

const CONTACT_PHONES = ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'];
const LEAD_PHONES = ['Phone', 'MobilePhone'];
const ACCOUNT_PHONES = ['Phone'];
/** Person Account phones live on the Account; these fields exist only in orgs with person accounts. */
const PERSON_ACCOUNT_PHONES = ['PersonMobilePhone', 'PersonHomePhone', 'PersonOtherPhone', 'PersonAssistantPhone'];

/** Enough rows to find the caller among namesakes of a shared number, few enough to stay fast. */
export const ROWS_PER_OBJECT = 25;

const COMMON = ['Id', 'Name', 'OwnerId', 'LastModifiedDate'];

export function phoneSearchFields(personAccounts: boolean): Record<'Contact' | 'Lead' | 'Account', string[]> {
  return {
    Contact: [...COMMON, 'AccountId', ...CONTACT_PHONES, ...(personAccounts ? ['IsPersonAccount'] : [])],
    Lead: [...COMMON, 'IsConverted', ...LEAD_PHONES],
    Account: [...COMMON, ...ACCOUNT_PHONES, ...(personAccounts ? ['IsPersonAccount', ...PERSON_ACCOUNT_PHONES] : [])],
  };
}

/** The SOSL statement for a caller's digit strings, OR-ed (each escaped, though callers pass digits only). */
export function buildPhoneSearch(terms: readonly string[], personAccounts: boolean): string {
  if (terms.length === 0) throw new RangeError('A phone search needs at least one term');
  const f = phoneSearchFields(personAccounts);
  return (
    `FIND {${terms.map(soslTerm).join(' OR ')}} IN PHONE FIELDS RETURNING ` +
    `Contact(${f.Contact.join(', ')} LIMIT ${ROWS_PER_OBJECT}), ` +
    `Lead(${f.Lead.join(', ')} WHERE IsConverted = false LIMIT ${ROWS_PER_OBJECT}), ` +
    `Account(${f.Account.join(', ')} LIMIT ${ROWS_PER_OBJECT})`
  );
}

export interface SearchRecord {
  attributes?: { type?: string };
  [field: string]: unknown;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const phones = (record: SearchRecord, fields: string[]) => fields.map((f) => (typeof record[f] === 'string' ? (record[f] as string) : null));

/** A SOSL row in the domain's words; rows of other types (or without an Id) are dropped. */
export function toMatchRow(record: SearchRecord): PhoneMatchRow | undefined {
  const type = record.attributes?.type;
  const id = text(record.Id);
  if (!id || (type !== 'Contact' && type !== 'Lead' && type !== 'Account')) return undefined;
  const base = { type, id, name: text(record.Name), ownerId: text(record.OwnerId), lastModified: text(record.LastModifiedDate) } as const;
  switch (type) {
    case 'Contact':
      return { ...base, accountId: text(record.AccountId) || null, isPersonAccount: record.IsPersonAccount === true, phones: phones(record, CONTACT_PHONES) };
    case 'Lead':
      return { ...base, isConverted: record.IsConverted === true, phones: phones(record, LEAD_PHONES) };
    case 'Account':
      return { ...base, isPersonAccount: record.IsPersonAccount === true, phones: phones(record, [...ACCOUNT_PHONES, ...PERSON_ACCOUNT_PHONES]) };
  }
}
