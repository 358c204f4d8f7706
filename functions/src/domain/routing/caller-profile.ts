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
  recentCalls: z
    .array(z.object({ at: z.string(), intent: z.string().default(''), ownerId: z.string().default('') }))
    .default([]),
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
