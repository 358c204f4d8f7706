import { z } from 'zod';
import { issueLines } from '../text';
import { connectIdOf, instanceArnOf } from '../connect-arn';

/**
 * The routing policy: one schema shared by route-call, the CLI and sync-config.
 * JSON on disk for local runs (config/default-policy.json); custom metadata records in Salesforce.
 */

const name = z.string().trim().min(1).max(80);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 number such as +12025550143');
const priority = z.number().int().min(1).max(10);

/** CRM facts that can imply an intent (derived from the caller profile). */
export const CRM_SIGNALS = ['openCase', 'lateStageOpportunity', 'renewalDue', 'overdueInvoice'] as const;
export type CrmSignal = (typeof CRM_SIGNALS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const QueueSchema = z.object({
  arn: z.string().min(1),
  name,
  /** Overflow: when this queue is too busy, send the call to `overflow.toQueue` instead. */
  overflow: z
    .object({
      whenContactsInQueueAtLeast: z.number().int().min(1).optional(),
      whenOldestContactAgeSecondsAtLeast: z.number().int().min(1).optional(),
      toQueue: name,
    })
    .optional(),
});

export const IntentSchema = z.object({
  name,
  description: z.string().max(255).default(''),
  /** Signals that imply this intent, strongest first: explicit choice, then dialled number, then CRM facts. */
  signals: z.object({
    ivrChoices: z.array(z.string().min(1).max(20)).default([]),
    lexIntents: z.array(z.string().min(1).max(100)).default([]),
    dialledNumbers: z.array(e164).default([]),
    crm: z.array(z.enum(CRM_SIGNALS)).default([]),
    repeatCall: z.boolean().default(false),
  }),
  /** One short phrase the rep hears before the caller is connected, e.g. "billing question". */
  whisperLabel: z.string().min(1).max(60),
});

const band = z.object({ minimum: z.number().min(0), points: z.number().min(0).max(100) });

export const ValueSchema = z.object({
  /** Points by Account tier (Account.Callwise_Tier__c, else Account.Rating). */
  accountTierPoints: z.record(z.string().min(1), z.number().min(0).max(100)).default({}),
  /** Points by annual revenue; the highest band whose minimum is reached applies. */
  annualRevenueBands: z.array(band).default([]),
  /** Points by the total amount of open opportunities; the highest band reached applies. */
  openPipelineBands: z.array(band).default([]),
  lateStageOpportunityPoints: z.number().min(0).max(100).default(0),
  personAccountPoints: z.number().min(0).max(100).default(0),
  leadPoints: z.number().min(0).max(100).default(0),
  /** Value tiers, checked from the highest minScore down; the first reached applies. */
  tiers: z
    .array(z.object({ name, minScore: z.number().int().min(0).max(100) }))
    .min(1)
    .refine((tiers) => tiers.some((t) => t.minScore === 0), 'one tier must have minScore 0 so every score has a tier'),
});

/** A Connect agent (user) id; an agent ARN is reduced to its id (AgentsCriteria.AgentIds takes ids). */
const connectAgentId = z
  .string()
  .trim()
  .min(1)
  .transform((value, ctx) => {
    const id = connectIdOf(value, 'agent');
    if (id) return id;
    ctx.addIssue({
      code: 'custom',
      message: 'expected a Connect agent (user) id, or an agent ARN arn:aws:connect:<region>:<account>:instance/<id>/agent/<id>',
    });
    return z.NEVER;
  });

/** A Salesforce user who is also a Connect agent. Policies written before agent ids named `agentArn`: it is read as the id. */
export const AgentSchema = z.preprocess(
  (value) => (isObject(value) && value.agentId === undefined && value.agentArn !== undefined ? { ...value, agentId: value.agentArn } : value),
  z.object({
    salesforceUserId: z.string().regex(/^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/, 'expected a Salesforce User Id (005…)'),
    agentId: connectAgentId,
    name: z.string().max(80).default(''),
  }),
);

/**
 * Call dispositions a contact attribute may write on the Call Task (CallDisposition); any other value is left off
 * and counted, so a flow that stores caller input in the attribute cannot write what it likes.
 */
export const DEFAULT_DISPOSITIONS = ['Resolved', 'Follow-up', 'Escalated', 'Sale', 'Voicemail', 'Wrong number', 'No answer'];

export const RuleSchema = z.object({
  name,
  when: z
    .object({
      intents: z.array(name).optional(),
      tiers: z.array(name).optional(),
      callerKnown: z.boolean().optional(),
      businessHours: z.boolean().optional(),
      channels: z.array(z.enum(['VOICE', 'CHAT', 'TASK', 'EMAIL'])).optional(),
      /** Matches when the caller shows at least one of these CRM facts (e.g. a late-stage opportunity). */
      crmSignals: z.array(z.enum(CRM_SIGNALS)).optional(),
    })
    .default({}),
  then: z.object({
    queue: name,
    priority,
    preferredAgent: z.enum(['none', 'owner', 'lastAgent']).default('none'),
    preferredAgentTimeoutSeconds: z.number().int().min(0).max(600).default(20),
  }),
});

export const RoutingPolicySchema = z
  .object({
    version: z.string().min(1).max(40),
    timezone: z.string().min(1).refine(isTimeZone, 'unknown IANA time zone'),
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'expected an ISO 3166 country code such as US')
      .default('US'),
    /**
     * Where route-call looks callers up: `directory` (the caller directory in DynamoDB once it is loaded, with
     * no Salesforce request on the call path; Salesforce live while it is not ready) or `live` (always Salesforce).
     */
    callerLookup: z.enum(['directory', 'live']).default('directory'),
    businessHours: z.object({
      days: z.array(z.enum(WEEKDAYS)).min(1),
      open: hhmm,
      close: hhmm,
      holidays: z.array(isoDate).default([]),
    }),
    queues: z.record(name, QueueSchema).refine((q) => Object.keys(q).length > 0, 'at least one queue is required'),
    /** Salesforce users who are also Connect agents: lets a rule prefer the record owner. */
    agents: z.array(AgentSchema).default([]),
    /** The call dispositions a contact attribute may set on the Call Task (matched ignoring case); see DEFAULT_DISPOSITIONS. */
    dispositions: z.array(z.string().trim().min(1).max(255)).min(1).default(DEFAULT_DISPOSITIONS),
    intents: z.array(IntentSchema).min(1),
    /** Intent used when nothing implies one. */
    defaultIntent: name,
    crmSignals: z
      .object({
        lateStageOpportunityStages: z.array(z.string().min(1)).default([]),
        renewalDueWithinDays: z.number().int().min(0).max(366).default(60),
        repeatCallWindowHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 30)
          .default(24),
      })
      .default({ lateStageOpportunityStages: [], renewalDueWithinDays: 60, repeatCallWindowHours: 24 }),
    value: ValueSchema,
    rules: z.array(RuleSchema).min(1),
    fallback: z.object({ queue: name, priority, reason: z.string().max(200).default('fallback') }),
    timing: z
      .object({
        deadlineMs: z.number().int().min(100).max(7000).default(2000),
        profileTtlSeconds: z
          .number()
          .int()
          .min(0)
          .max(7 * 86400)
          .default(3600),
        negativeTtlSeconds: z.number().int().min(0).max(86400).default(300),
        queueStatusTtlSeconds: z.number().int().min(0).max(300).default(10),
        fcrWindowDays: z.number().int().min(1).max(90).default(7),
        policyRefreshSeconds: z.number().int().min(5).max(3600).default(60),
      })
      .default({
        deadlineMs: 2000,
        profileTtlSeconds: 3600,
        negativeTtlSeconds: 300,
        queueStatusTtlSeconds: 10,
        fcrWindowDays: 7,
        policyRefreshSeconds: 60,
      }),
  })
  .superRefine((policy, ctx) => {
    const queues = new Set(Object.keys(policy.queues));
    const intents = new Set(policy.intents.map((i) => i.name));
    const tiers = new Set(policy.value.tiers.map((t) => t.name));
    const needQueue = (queue: string, path: (string | number)[]) => {
      if (!queues.has(queue)) ctx.addIssue({ code: 'custom', path, message: `unknown queue "${queue}"` });
    };
    for (const [key, queue] of Object.entries(policy.queues)) {
      if (queue.overflow) needQueue(queue.overflow.toQueue, ['queues', key, 'overflow', 'toQueue']);
    }
    if (!intents.has(policy.defaultIntent)) {
      ctx.addIssue({ code: 'custom', path: ['defaultIntent'], message: `unknown intent "${policy.defaultIntent}"` });
    }
    const seen = new Set<string>();
    policy.intents.forEach((intent, i) => {
      if (seen.has(intent.name)) ctx.addIssue({ code: 'custom', path: ['intents', i, 'name'], message: `duplicate intent "${intent.name}"` });
      seen.add(intent.name);
    });
    policy.rules.forEach((rule, i) => {
      needQueue(rule.then.queue, ['rules', i, 'then', 'queue']);
      rule.when.intents?.forEach((intent, j) => {
        if (!intents.has(intent)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'when', 'intents', j], message: `unknown intent "${intent}"` });
      });
      rule.when.tiers?.forEach((tier, j) => {
        if (!tiers.has(tier)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'when', 'tiers', j], message: `unknown value tier "${tier}"` });
      });
    });
    needQueue(policy.fallback.queue, ['fallback', 'queue']);
  });

export type RoutingPolicy = z.infer<typeof RoutingPolicySchema>;
export type RoutingRule = z.infer<typeof RuleSchema>;
export type IntentDefinition = z.infer<typeof IntentSchema>;
export type QueueDefinition = z.infer<typeof QueueSchema>;
export type AgentDefinition = z.infer<typeof AgentSchema>;

/** The policy's agent who is this Salesforce user: Ids compare on their 15-character case-sensitive form, so 15- and 18-character Ids match. */
export function agentOfUser<A extends Pick<AgentDefinition, 'salesforceUserId'>>(agents: readonly A[], userId: string): A | undefined {
  const id = userId.slice(0, 15);
  return id.length === 15 ? agents.find((a) => a.salesforceUserId.slice(0, 15) === id) : undefined;
}

export type PolicyValidation = { ok: true; policy: RoutingPolicy } | { ok: false; errors: string[] };

/** Validates unknown input as a routing policy; each error names its path ("rules.2.then.queue: unknown queue …"). */
export function validatePolicy(input: unknown): PolicyValidation {
  const result = RoutingPolicySchema.safeParse(input);
  if (result.success) return { ok: true, policy: result.data };
  return { ok: false, errors: issueLines(result.error) };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The policy route-call follows in AWS when no policy is in force (before the first sync, or when the
 * Policy table cannot answer): `policy`'s intents, value tiers and texts, but one queue, the
 * deployment's fallback queue, which every call goes to. No agents: the bundled policy's are demo ones.
 * An empty `fallbackQueueArn` (a misconfigured Lambda) answers an empty queue ARN, which sends the
 * flow down its own error branch rather than to a queue that does not exist.
 */
export function fallbackOnlyPolicy(policy: RoutingPolicy, fallbackQueueArn: string): RoutingPolicy {
  const key = policy.fallback.queue;
  return {
    ...policy,
    queues: { [key]: { arn: fallbackQueueArn, name: policy.queues[key]?.name ?? key } },
    agents: [],
    rules: [{ name: 'fallback', when: {}, then: { queue: key, priority: policy.fallback.priority, preferredAgent: 'none', preferredAgentTimeoutSeconds: 0 } }],
  };
}

export interface ForeignQueue {
  key: string;
  arn: string;
  /** The instance the ARN names, or undefined when it is not a Connect queue ARN. */
  instanceArn: string | undefined;
}

/** The policy's queues whose ARN is not a queue of `instanceArn` (calls routed there would fail). */
export function queuesOutsideInstance(policy: RoutingPolicy, instanceArn: string): ForeignQueue[] {
  return Object.entries(policy.queues)
    .filter(([, queue]) => instanceArnOf(queue.arn) !== instanceArn || connectIdOf(queue.arn, 'queue') === undefined)
    .map(([key, queue]) => ({ key, arn: queue.arn, instanceArn: instanceArnOf(queue.arn) }));
}
