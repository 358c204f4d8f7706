import { z } from 'zod';
import { issueLines } from '../text';

/**
 * The call-handling standard: one schema shared by import-analysis, the CLI and the config sync.
 * JSON on disk (config/default-handling-standard.json); custom metadata records in Salesforce.
 * The steps are a fixed set (each has its own Task field, so reports can group by it); what
 * detects a step, where it applies and what it weighs is data.
 */

export const STEP_KEYS = ['greeting', 'verification', 'needsAssessment', 'resolution', 'summary', 'documentation'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

export const BEHAVIOUR_KEYS = ['interruptions', 'longestMonologue', 'talkListenRatio', 'nonTalkTime', 'questionsAsked'] as const;
export type BehaviourKey = (typeof BEHAVIOUR_KEYS)[number];

export const HANDLING_CHANNELS = ['VOICE', 'CHAT'] as const;
export const HANDLING_DIRECTIONS = ['INBOUND', 'OUTBOUND', 'TRANSFER', 'CALLBACK'] as const;
/** Contact Lens marks turns where it detected an outcome or an action item; a step may accept them as evidence. */
export const CONTACT_LENS_DETECTIONS = ['outcome', 'actionItem'] as const;

const name = z.string().trim().min(1).max(80);
const weight = z.number().int().min(0).max(100);

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}

/** Something the agent says: any phrase (whole words, case and punctuation ignored) or pattern (a regular expression, case ignored). */
export const MatcherSchema = z
  .object({
    phrases: z.array(z.string().trim().min(1).max(120)).default([]),
    patterns: z.array(z.string().min(1).max(500).refine(compiles, 'not a valid regular expression')).default([]),
    contactLens: z.array(z.enum(CONTACT_LENS_DETECTIONS)).default([]),
  })
  .refine((m) => m.phrases.length + m.patterns.length + m.contactLens.length > 0, 'give at least one phrase, pattern or Contact Lens detection');

/** Where a step or a variant applies; an omitted list means "any", and a fact the call does not carry never excludes it. */
export const AppliesToSchema = z
  .object({
    intents: z.array(name).min(1).optional(),
    queues: z.array(name).min(1).optional(),
    channels: z.array(z.enum(HANDLING_CHANNELS)).min(1).optional(),
    directions: z.array(z.enum(HANDLING_DIRECTIONS)).min(1).optional(),
  })
  .default({});

const seconds = z.number().int().min(1).max(3600);

export const StepSchema = z.object({
  key: z.enum(STEP_KEYS),
  label: name,
  weight,
  detection: z
    .object({
      /** Every group must be heard from the agent (in any order) for the step to pass. */
      allOf: z.array(MatcherSchema).default([]),
      /** Only agent turns that start in the first N seconds, or end in the last N seconds, count. */
      window: z
        .object({ firstSeconds: seconds.optional(), lastSeconds: seconds.optional() })
        .refine((w) => (w.firstSeconds === undefined) !== (w.lastSeconds === undefined), 'give firstSeconds or lastSeconds, not both')
        .optional(),
      /** A Contact Lens category of the org that, when matched, passes the step on its own. */
      categories: z.array(z.string().trim().min(1).max(200)).default([]),
      /** The step is missed when the agent said one of these before it (e.g. account details before verification). */
      mustPrecede: MatcherSchema.optional(),
      /** Only turns after the one that passed this step count (a summary comes after the resolution). */
      afterStep: z.enum(STEP_KEYS).optional(),
      /** A disposition recorded for the contact passes the step (documentation). */
      dispositionCounts: z.boolean().default(false),
      /** How the coaching note describes the step when it is missed. */
      coaching: z.string().trim().min(1).max(200),
    })
    .refine((d) => d.allOf.length + d.categories.length > 0 || d.dispositionCounts, 'give allOf groups, categories or dispositionCounts'),
  appliesTo: AppliesToSchema,
});

const check = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, weight, coaching: z.string().trim().min(1).max(200) }).optional();

export const BehavioursSchema = z
  .object({
    /** Times the agent talked over the customer (Contact Lens interruptions by the agent). */
    interruptions: check({ max: z.number().int().min(0).max(100) }),
    longestMonologue: check({ maxSeconds: seconds }),
    talkListenRatio: check({ min: z.number().min(0).max(20), max: z.number().min(0).max(20) }),
    /** Share of the conversation in which nobody spoke (0–1). */
    nonTalkTime: check({ maxShare: z.number().min(0).max(1) }),
    questionsAsked: check({ min: z.number().int().min(0).max(100) }),
  })
  .default({});

export const VariantSchema = z
  .object({
    name,
    appliesTo: AppliesToSchema,
    /** Conversations shorter than this are not scored. */
    minimumSeconds: z.number().int().min(0).max(600).default(20),
    steps: z.array(StepSchema).min(1),
    behaviours: BehavioursSchema,
  })
  .superRefine((variant, ctx) => {
    const seen = new Set<string>();
    variant.steps.forEach((step, i) => {
      if (seen.has(step.key)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'key'], message: `duplicate step "${step.key}"` });
      const after = step.detection.afterStep;
      if (after && !seen.has(after))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'detection', 'afterStep'], message: `"${after}" must be an earlier step of this variant` });
      seen.add(step.key);
    });
    const b = variant.behaviours.talkListenRatio;
    if (b && b.min > b.max) ctx.addIssue({ code: 'custom', path: ['behaviours', 'talkListenRatio'], message: 'min is above max' });
  });

export const HandlingStandardSchema = z
  .object({
    version: z.string().min(1).max(40),
    /** The first variant whose appliesTo matches the call scores it; the last one is the catch-all. */
    variants: z.array(VariantSchema).min(1),
  })
  .superRefine((standard, ctx) => {
    const names = new Set<string>();
    standard.variants.forEach((variant, i) => {
      if (names.has(variant.name)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'name'], message: `duplicate variant "${variant.name}"` });
      names.add(variant.name);
    });
    const last = standard.variants[standard.variants.length - 1]!;
    if (Object.keys(last.appliesTo).length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants', standard.variants.length - 1, 'appliesTo'],
        message: 'the last variant is the catch-all: leave its appliesTo empty',
      });
    }
  });

export type HandlingStandard = z.infer<typeof HandlingStandardSchema>;
export type HandlingVariant = z.infer<typeof VariantSchema>;
export type HandlingStep = z.infer<typeof StepSchema>;
export type Matcher = z.infer<typeof MatcherSchema>;
export type AppliesTo = z.infer<typeof AppliesToSchema>;
export type Behaviours = z.infer<typeof BehavioursSchema>;

export type StandardValidation = { ok: true; standard: HandlingStandard } | { ok: false; errors: string[] };

/** Validates unknown input as a handling standard; each error names its path ("variants.0.steps.2.weight: …"). */
export function validateStandard(input: unknown): StandardValidation {
  const result = HandlingStandardSchema.safeParse(input);
  if (result.success) return { ok: true, standard: result.data };
  return { ok: false, errors: issueLines(result.error) };
}
