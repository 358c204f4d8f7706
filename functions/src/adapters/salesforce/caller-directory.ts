import { matchCaller, PHONE_FIELDS, phoneSearchTerms, type CallerCandidate, type PhoneMatchRow } from '../../domain/routing/caller-match';
import { unknownCaller, type CallerProfile } from '../../domain/routing/caller-profile';
import type { LiveCallerLookup, Clock } from '../../ports';
import { contextRequests, readContext, type CallerContext, type FailedPart } from './caller-context';
import type { CompositeSubrequest, CompositeSubresponse } from './connection';
import { SalesforceApiError, salesforceApiPath, type SalesforceRequest } from './api';
import { logger, MetricUnit, metrics } from '../../platform/observability';
import { soslTerm } from './soql';

/**
 * Salesforce as the directory of callers, in at most two round trips:
 *   1. one SOSL phone search (never a SOQL scan of phone fields); no exact match → unknown caller;
 *   2. one composite request for the chosen record's Account, open Cases, open Opportunities and recent calls.
 * A failed search rejects (the caller falls back); a failed context query only empties its part.
 */

/** What the directory needs from a connection (SalesforceConnection provides it). */
export interface CallerDirectoryConnection {
  search<T>(sosl: string): Promise<T[]>;
  composite(subrequests: CompositeSubrequest[]): Promise<CompositeSubresponse[]>;
  /** For the one describe that checks the Person Account setting against the org. */
  request?<T>(request: SalesforceRequest): Promise<T>;
}

const reportMisconfiguration = (message: string): void => {
  logger.error(message, { setting: 'SALESFORCE_PERSON_ACCOUNTS' });
  metrics.addMetric('SalesforceMisconfigured', MetricUnit.Count, 1);
};

export interface CallerDirectoryOptions {
  /** ISO 3166 country for numbers stored without a country code. */
  defaultCountry: string;
  /** The org has person accounts (orgs without them reject the IsPersonAccount fields). */
  personAccounts: boolean;
  /** Told which context parts came back empty because Salesforce failed them (for logs and metrics; no phone numbers). */
  onPartialProfile?: (failed: FailedPart[]) => void;
  /** Told once when the settings contradict the org (logged and counted by default). */
  onMisconfiguration?: (message: string) => void;
}

export class SalesforceCallerDirectory implements LiveCallerLookup {
  private personAccounts: boolean;
  private describedAccount = false;

  constructor(
    private readonly salesforce: CallerDirectoryConnection,
    private readonly clock: Clock,
    private readonly options: CallerDirectoryOptions,
  ) {
    this.personAccounts = options.personAccounts;
  }

  async findCaller(phoneE164: string): Promise<CallerProfile> {
    const terms = phoneSearchTerms(phoneE164);
    // Not a number Salesforce could hold: nothing to search for.
    if (!terms) return unknownCaller(phoneE164, this.now());

    const records = await this.search(terms);
    const rows = records.map(toMatchRow).filter((r): r is PhoneMatchRow => r !== undefined);
    const match = matchCaller(rows, phoneE164, this.options.defaultCountry);
    if (!match) return unknownCaller(phoneE164, this.now());

    const { best } = match;
    const requests = contextRequests(best);
    let responses: CompositeSubresponse[] = [];
    let requestError: string | undefined;
    try {
      responses = await this.salesforce.composite(requests);
    } catch (error) {
      // The caller is known: without context, routing still has the record and its owner.
      requestError = error instanceof SalesforceApiError ? error.errorCode : 'UNKNOWN_ERROR';
    }
    const { context, failed } = readContext(
      best,
      responses,
      requests.map((r) => r.referenceId),
    );
    if (failed.length > 0) this.options.onPartialProfile?.(failed.map((f) => ({ ...f, errorCode: requestError ?? f.errorCode })));
    return this.profile(phoneE164, match.matchCount, best, context);
  }

  /**
   * The phone search. Person Account fields exist only in orgs that have them: if the search names them and
   * Salesforce answers INVALID_FIELD, Account is described (once per container); an org without Person Accounts
   * is a misconfiguration, reported as such, and the search runs without them from then on (callers stay known).
   */
  private async search(terms: string[]): Promise<SearchRecord[]> {
    try {
      return await this.salesforce.search<SearchRecord>(buildPhoneSearch(terms, this.personAccounts));
    } catch (error) {
      if (
        !this.personAccounts ||
        this.describedAccount ||
        !this.salesforce.request ||
        !(error instanceof SalesforceApiError) ||
        error.errorCode !== 'INVALID_FIELD'
      )
        throw error;
      this.describedAccount = true;
      const account = await this.salesforce.request<{ fields?: Array<{ name?: string }> }>({
        method: 'GET',
        url: salesforceApiPath('/sobjects/Account/describe'),
      });
      if (account?.fields?.some((f) => f.name === 'IsPersonAccount')) throw error;
      this.personAccounts = false;
      (this.options.onMisconfiguration ?? reportMisconfiguration)(
        'Salesforce misconfiguration: SALESFORCE_PERSON_ACCOUNTS is true but the org has no Person Accounts; searching without Person Account fields (set it to false)',
      );
      return this.salesforce.search<SearchRecord>(buildPhoneSearch(terms, false));
    }
  }

  private profile(phoneE164: string, matchCount: number, best: CallerCandidate, context: CallerContext): CallerProfile {
    return {
      phoneE164,
      known: true,
      matchCount,
      record: { id: best.id, type: best.type, name: best.name, ownerId: best.ownerId },
      ...context,
      fetchedAt: this.now(),
    };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/**
 * The first round trip of a caller lookup: one SOSL search over every phone field of Contacts, open
 * Leads and Accounts. It finds every stored format of the number because it searches both the national
 * significant number and the international digits; the domain then keeps only exact matches (SOSL over-matches).
 */

const CONTACT_PHONES: readonly string[] = PHONE_FIELDS.Contact;
const LEAD_PHONES: readonly string[] = PHONE_FIELDS.Lead;
const ACCOUNT_PHONES: readonly string[] = PHONE_FIELDS.Account;
/** Person Account phones live on the Account; these fields exist only in orgs with person accounts. */
const PERSON_ACCOUNT_PHONES: readonly string[] = PHONE_FIELDS.PersonAccount;

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
const phones = (record: SearchRecord, fields: readonly string[]) => fields.map((f) => (typeof record[f] === 'string' ? (record[f] as string) : null));

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
