import { z } from 'zod';

/**
 * What Salesforce knows about a caller, as fetched in at most two round trips and cached by phone number.
 * Plain data (ISO date strings), so it can be stored in DynamoDB and compared in tests.
 */

export const CALLER_RECORD_TYPES = ['Contact', 'Lead', 'Account', 'PersonAccount'] as const;
export type CallerRecordType = (typeof CALLER_RECORD_TYPES)[number];

export const CallerProfileSchema = z.object({
  phoneE164: z.string(),
  known: z.boolean(),
  /** How many Salesforce records matched the number (before the best one was chosen). */
  matchCount: z.number().int().min(0),
  record: z
    .object({
      id: z.string(),
      type: z.enum(CALLER_RECORD_TYPES),
      name: z.string(),
      ownerId: z.string(),
    })
    .optional(),
  account: z
    .object({
      id: z.string(),
      name: z.string(),
      tier: z.string().default(''),
      annualRevenue: z.number().default(0),
      type: z.string().default(''),
      ownerId: z.string().default(''),
      overdueInvoice: z.boolean().default(false),
    })
    .optional(),
  openCases: z
    .object({
      count: z.number().int().min(0),
      latestId: z.string().default(''),
      latestSubject: z.string().default(''),
      latestPriority: z.string().default(''),
    })
    .default({ count: 0, latestId: '', latestSubject: '', latestPriority: '' }),
  openOpportunities: z
    .array(
      z.object({
        id: z.string(),
        name: z.string().default(''),
        stageName: z.string(),
        amount: z.number().default(0),
        closeDate: z.string(),
        type: z.string().default(''),
      }),
    )
    .default([]),
  /** Calls already logged in Salesforce for this record (newest first). */
  recentCalls: z.array(z.object({ at: z.string(), intent: z.string().default(''), ownerId: z.string().default('') })).default([]),
  fetchedAt: z.string(),
});

export type CallerProfile = z.infer<typeof CallerProfileSchema>;

/** A profile for a number Salesforce does not know (stored in the negative cache). */
export function unknownCaller(phoneE164: string, fetchedAt: string): CallerProfile {
  return {
    phoneE164,
    known: false,
    matchCount: 0,
    openCases: { count: 0, latestId: '', latestSubject: '', latestPriority: '' },
    openOpportunities: [],
    recentCalls: [],
    fetchedAt,
  };
}

/** One earlier call from the same number, as remembered by Callwise (DynamoDB caller history). */
export interface PastCall {
  contactId: string;
  at: string;
  intent: string;
  queueName: string;
  /** The Connect agent (user) id that handled it, once known (set by call logging). */
  agentId: string;
}

/* ---- The caller directory (DynamoDB), as route-call reads it ---- */

/**
 * Item keys of the caller directory (one table, `pk` + `sk`):
 *   PHONE#<e164> / #   the records that hold the number, best first (refs)
 *   REC#<id>     / #   one Salesforce record: a caller's name, owner, account and numbers; a Case's or
 *                      Opportunity's anchor; or a tombstone (deleted) — each with the version it was written at
 *   ACC#<id>     / A   an Account's fields (tier, revenue, type, owner, name)
 *   ACC#<id>     / S   the summary of the Account's open Cases and Opportunities (count, latest Case; the soonest
 *                      Opportunities to close); under a Contact's id: Cases that name the Contact but no Account
 *   ACC#<id>     / CASE#<id>, OPP#<id>   one open Case or Opportunity, the source the summary is computed from
 *
 * Why per-Case/Opportunity child items and a summary item, rather than the summary alone or the children
 * alone: a Case change writes its child and one summary (never the Account or any number item), and the
 * summary is computed from the children rather than counted up and down, so a replayed or reordered event
 * cannot skew it; the call path still reads one summary item per Account in its second BatchGetItem
 * (children alone would need a Query per Account, which BatchGetItem cannot batch).
 *   META         / #   ready flag, load progress and watermark, last change event applied, counts
 */
export const DIRECTORY_KEY = {
  number: (e164: string) => ({ pk: `PHONE#${e164}`, sk: '#' }),
  record: (id: string) => ({ pk: `REC#${id}`, sk: '#' }),
  account: (id: string) => ({ pk: `ACC#${id}`, sk: 'A' }),
  summary: (id: string) => ({ pk: `ACC#${id}`, sk: 'S' }),
  child: (anchorId: string, kind: 'CASE' | 'OPP', id: string) => ({ pk: `ACC#${anchorId}`, sk: `${kind}#${id}` }),
  meta: { pk: 'META', sk: '#' },
} as const;

/** How many refs of a number the call path reads (the best ones; a number shared by more is rare). */
export const DIRECTORY_REFS_READ = 10;
/** Open Opportunities kept in an Account's summary (the soonest to close), as the live lookup reads them. */
export const DIRECTORY_OPEN_OPPORTUNITIES = 10;

export const NumberRefSchema = z.object({ id: z.string(), type: z.enum(CALLER_RECORD_TYPES), accountId: z.string(), lastModified: z.string() });
export type NumberRef = z.infer<typeof NumberRefSchema>;

export const DirectoryCallerSchema = z.object({
  id: z.string().min(1),
  type: z.enum(CALLER_RECORD_TYPES),
  name: z.string(),
  ownerId: z.string(),
  /** The Contact's Account, the Account itself; '' for Leads and Contacts without an Account. */
  accountId: z.string(),
  /** Every number the record holds, as E.164 (normalised as routing normalises caller numbers). */
  numbers: z.array(z.string()),
  /** ISO; orders records that share a number (newest first within a rank). */
  lastModified: z.string(),
});
export type DirectoryCaller = z.infer<typeof DirectoryCallerSchema>;

export const AccountContextSchema = z.object({
  id: z.string(),
  name: z.string(),
  tier: z.string(),
  annualRevenue: z.number(),
  type: z.string(),
  ownerId: z.string(),
  overdueInvoice: z.boolean(),
});
export type AccountContext = z.infer<typeof AccountContextSchema>;

const OpportunitySchema = CallerProfileSchema.shape.openOpportunities.unwrap().element;
export const ContextSummarySchema = z.object({
  cases: z.object({ count: z.number().int().min(0), latestId: z.string(), latestSubject: z.string(), latestPriority: z.string(), latestCreated: z.string() }),
  opportunities: z.array(OpportunitySchema),
});
export type ContextSummary = z.infer<typeof ContextSummarySchema>;
export const EMPTY_SUMMARY: ContextSummary = { cases: { count: 0, latestId: '', latestSubject: '', latestPriority: '', latestCreated: '' }, opportunities: [] };

/** The items one lookup read, by record or Account id, as stored. */
export interface DirectoryRead {
  refs: NumberRef[];
  records: Map<string, Record<string, unknown>>;
  accounts: Map<string, Record<string, unknown>>;
  summaries: Map<string, Record<string, unknown>>;
}

/** Which context items a caller's profile reads: its Account and, for a Contact, the Cases naming it alone. */
export function contextIdsOf(ref: Pick<NumberRef, 'id' | 'type' | 'accountId'>): string[] {
  if (ref.type === 'Lead') return [];
  if (ref.type === 'Contact') return ref.accountId ? [ref.accountId, ref.id] : [ref.id];
  return [ref.accountId || ref.id];
}

/** A record item that is a live caller holding `phoneE164` (a stale ref, a tombstone or a changed number is not). */
function liveCaller(item: Record<string, unknown> | undefined, phoneE164: string): DirectoryCaller | undefined {
  if (!item || item.deleted === true || item.kind !== 'caller') return undefined;
  const parsed = DirectoryCallerSchema.safeParse(item);
  return parsed.success && parsed.data.numbers.includes(phoneE164) ? parsed.data : undefined;
}

/**
 * The caller profile from directory items: the first ref (refs are stored best first, by the live
 * lookup's ranking) whose record still holds the number; unknown when none does. A ref left behind by an
 * interrupted write is skipped here, so a crash between two writes never routes a caller to a stale record.
 * `recentCalls` stays empty: repeat calls come from Callwise's own caller history.
 */
export function profileFromDirectory(phoneE164: string, read: DirectoryRead, fetchedAt: string): CallerProfile {
  const callers = read.refs.map((ref) => liveCaller(read.records.get(ref.id), phoneE164)).filter((c): c is DirectoryCaller => c !== undefined);
  const best = callers[0];
  if (!best) return unknownCaller(phoneE164, fetchedAt);
  const account = AccountContextSchema.safeParse(best.accountId ? read.accounts.get(best.accountId)?.account : undefined);
  const summaries = contextIdsOf(best)
    .map((id) => ContextSummarySchema.safeParse(read.summaries.get(id)?.summary))
    .flatMap((s) => (s.success ? [s.data] : []));
  const cases = summaries.map((s) => s.cases);
  const latest = cases.filter((c) => c.count > 0).sort((a, b) => b.latestCreated.localeCompare(a.latestCreated))[0];
  const opportunities = summaries.flatMap((s) => s.opportunities).sort((a, b) => a.closeDate.localeCompare(b.closeDate));
  return {
    phoneE164,
    known: true,
    matchCount: callers.length,
    record: { id: best.id, type: best.type, name: best.name, ownerId: best.ownerId },
    ...(account.success
      ? { account: account.data }
      : best.accountId
        ? {
            account: {
              id: best.accountId,
              name: best.type === 'Contact' ? '' : best.name,
              tier: '',
              annualRevenue: 0,
              type: '',
              ownerId: '',
              overdueInvoice: false,
            },
          }
        : {}),
    openCases: {
      count: cases.reduce((sum, c) => sum + c.count, 0),
      latestId: latest?.latestId ?? '',
      latestSubject: latest?.latestSubject ?? '',
      latestPriority: latest?.latestPriority ?? '',
    },
    openOpportunities: opportunities.slice(0, DIRECTORY_OPEN_OPPORTUNITIES),
    recentCalls: [],
    fetchedAt,
  };
}
