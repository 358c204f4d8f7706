import { matchCaller, phoneSearchTerms, type CallerCandidate, type PhoneMatchRow } from '../../domain/routing/caller-match';
import { unknownCaller, type CallerProfile } from '../../domain/routing/caller-profile';
import type { CallerDirectory, Clock } from '../../ports';
import { contextRequests, readContext, type CallerContext, type FailedPart } from './caller-context';
import { buildPhoneSearch, toMatchRow, type SearchRecord } from './caller-search';
import type { CompositeSubrequest, CompositeSubresponse } from './connection';
import { SalesforceApiError } from './errors';

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
}

export interface CallerDirectoryOptions {
  /** ISO 3166 country for numbers stored without a country code. */
  defaultCountry: string;
  /** The org has person accounts (orgs without them reject the IsPersonAccount fields). */
  personAccounts: boolean;
  /** Told which context parts came back empty because Salesforce failed them (for logs and metrics; no phone numbers). */
  onPartialProfile?: (failed: FailedPart[]) => void;
}

export class SalesforceCallerDirectory implements CallerDirectory {
  constructor(
    private readonly salesforce: CallerDirectoryConnection,
    private readonly clock: Clock,
    private readonly options: CallerDirectoryOptions,
  ) {}

  async findCaller(phoneE164: string): Promise<CallerProfile> {
    const terms = phoneSearchTerms(phoneE164);
    // Not a number Salesforce could hold: nothing to search for.
    if (!terms) return unknownCaller(phoneE164, this.now());

    const records = await this.salesforce.search<SearchRecord>(buildPhoneSearch(terms, this.options.personAccounts));
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
    const { context, failed } = readContext(best, responses, requests.map((r) => r.referenceId));
    if (failed.length > 0) this.options.onPartialProfile?.(failed.map((f) => ({ ...f, errorCode: requestError ?? f.errorCode })));
    return this.profile(phoneE164, match.matchCount, best, context);
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
