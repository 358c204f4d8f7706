import type { MetadataRecord, MetadataValue } from '../policy/policy-metadata-types';
import {
  type Behaviours,
  type BehaviourKey,
  type HandlingStandard,
  type HandlingStep,
  type HandlingVariant,
  type StandardValidation,
  validateStandard,
} from './standard';
import type { HandlingMetadataType } from './standard-metadata-types';

/**
 * Custom metadata records ⇄ the call-handling standard. Errors name the record an admin has to fix
 * (type and DeveloperName) with the path inside it.
 */
export type HandlingMetadataRecords = Partial<Record<HandlingMetadataType, MetadataRecord[]>>;

const str = (v: MetadataValue | undefined) => (v === null || v === undefined || String(v).trim() === '' ? undefined : String(v).trim());
const num = (v: MetadataValue | undefined) => (str(v) === undefined ? undefined : Number(v));
const semis = (v: MetadataValue | undefined) =>
  str(v)
    ?.split(';')
    .map((s) => s.trim())
    .filter(Boolean);
const perLine = (v: MetadataValue | undefined) =>
  str(v)
    ?.split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean) ?? [];
const byOrder = (rows: MetadataRecord[] = []) => [...rows].sort((a, b) => (num(a.Order__c) ?? 0) - (num(b.Order__c) ?? 0));
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
const sameName = (a: MetadataValue | undefined, b: string) => str(a)?.toLowerCase() === b.toLowerCase();

function appliesOf(r: MetadataRecord): Record<string, string[]> {
  return defined({ intents: semis(r.Intents__c), queues: semis(r.Queues__c), channels: semis(r.Channels__c), directions: semis(r.Directions__c) }) as Record<
    string,
    string[]
  >;
}

function group(phrases: MetadataValue | undefined, patterns: MetadataValue | undefined, contactLens?: MetadataValue): object | undefined {
  const g = defined({ phrases: perLine(phrases), patterns: perLine(patterns), contactLens: semis(contactLens) ?? [] });
  return g.phrases.length + g.patterns.length + g.contactLens.length ? g : undefined;
}

function stepOf(r: MetadataRecord): object {
  const first = num(r.First_Seconds__c);
  const last = num(r.Last_Seconds__c);
  const mustPrecede = perLine(r.Must_Precede_Patterns__c);
  return {
    key: str(r.Step__c),
    label: str(r.Label__c),
    weight: num(r.Weight__c),
    appliesTo: appliesOf(r),
    detection: defined({
      allOf: [group(r.Phrases__c, r.Patterns__c, r.Contact_Lens__c), group(r.And_Phrases__c, r.And_Patterns__c)].filter(Boolean),
      window: first === undefined && last === undefined ? undefined : defined({ firstSeconds: first, lastSeconds: last }),
      categories: semis(r.Categories__c) ?? [],
      mustPrecede: mustPrecede.length ? { patterns: mustPrecede } : undefined,
      afterStep: str(r.After_Step__c),
      dispositionCounts: r.Disposition_Counts__c === true || String(r.Disposition_Counts__c).toLowerCase() === 'true',
      coaching: str(r.Coaching__c),
    }),
  };
}

const LIMITS: Record<BehaviourKey, (r: MetadataRecord) => object> = {
  interruptions: (r) => ({ max: num(r.Maximum__c) }),
  longestMonologue: (r) => ({ maxSeconds: num(r.Maximum__c) }),
  talkListenRatio: (r) => ({ min: num(r.Minimum__c), max: num(r.Maximum__c) }),
  nonTalkTime: (r) => ({ maxShare: num(r.Maximum__c) }),
  questionsAsked: (r) => ({ min: num(r.Minimum__c) }),
};

export function standardFromMetadata(records: HandlingMetadataRecords): StandardValidation {
  const variants = byOrder(records.Callwise_Handling_Variant__mdt);
  const where = new Map<string, string>();
  const draft = {
    version: str(variants[0]?.Standard_Version__c),
    variants: variants.map((v, i) => {
      const name = str(v.Name__c) ?? v.DeveloperName;
      where.set(`variants.${i}`, `Callwise_Handling_Variant__mdt record "${v.DeveloperName}"`);
      const steps = byOrder(records.Callwise_Handling_Step__mdt).filter((s) => sameName(s.Variant__c, name));
      steps.forEach((s, j) => where.set(`variants.${i}.steps.${j}`, `Callwise_Handling_Step__mdt record "${s.DeveloperName}"`));
      const behaviours = (records.Callwise_Handling_Behaviour__mdt ?? []).filter((b) => sameName(b.Variant__c, name));
      const checks: Record<string, object> = {};
      for (const b of behaviours) {
        const key = str(b.Behaviour__c) as BehaviourKey;
        where.set(`variants.${i}.behaviours.${key}`, `Callwise_Handling_Behaviour__mdt record "${b.DeveloperName}"`);
        checks[key] = { ...(LIMITS[key]?.(b) ?? {}), weight: num(b.Weight__c), coaching: str(b.Coaching__c) };
      }
      return { name, appliesTo: appliesOf(v), minimumSeconds: num(v.Minimum_Seconds__c), steps: steps.map(stepOf), behaviours: checks };
    }),
  };
  const mismatch = variants.find((v) => str(v.Standard_Version__c) !== draft.version);
  if (mismatch)
    return {
      ok: false,
      errors: [
        `Callwise_Handling_Variant__mdt record "${mismatch.DeveloperName}", field Standard_Version__c: every variant must carry the same version ("${draft.version}")`,
      ],
    };
  const result = validateStandard(defined(draft));
  if (result.ok) return result;
  return { ok: false, errors: result.errors.map((e) => locate(e, where)) };
}

/** "variants.1.steps.2.weight: …" → "Callwise_Handling_Step__mdt record "support_resolution": weight: …". */
function locate(error: string, where: Map<string, string>): string {
  const [path = '', ...rest] = error.split(': ');
  const parts = path.split('.');
  for (let n = Math.min(parts.length, 4); n >= 2; n--) {
    const record = where.get(parts.slice(0, n).join('.'));
    if (record) return `${record}: ${parts.slice(n).join('.') || '(record)'}: ${rest.join(': ')}`;
  }
  return error;
}

const joinList = (v: readonly string[] | undefined) => (v?.length ? v.join(';') : null);
const joinLines = (v: readonly string[] | undefined) => (v?.length ? v.join('\n') : null);

export class UnrepresentableStandardError extends Error {
  constructor(where: string, what: string) {
    super(`${where}: ${what} cannot be held in custom metadata (edit the JSON standard instead)`);
    this.name = 'UnrepresentableStandardError';
  }
}

function appliesRow(a: HandlingVariant['appliesTo']): Record<string, MetadataValue> {
  return { Intents__c: joinList(a.intents), Queues__c: joinList(a.queues), Channels__c: joinList(a.channels), Directions__c: joinList(a.directions) };
}

function stepRow(variant: string, step: HandlingStep, order: number): MetadataRecord {
  const d = step.detection;
  const id = `${variant}_${step.key}`;
  if (d.allOf.length > 2 || d.allOf[1]?.contactLens.length)
    throw new UnrepresentableStandardError(id, 'more than two groups, or Contact Lens detections in the second');
  if (d.mustPrecede && (d.mustPrecede.phrases.length || d.mustPrecede.contactLens.length)) throw new UnrepresentableStandardError(id, 'mustPrecede phrases');
  const [a, b] = d.allOf;
  return {
    DeveloperName: id,
    MasterLabel: `${variant}: ${step.label}`.slice(0, 40),
    Variant__c: variant,
    Step__c: step.key,
    Order__c: order,
    Label__c: step.label,
    Weight__c: step.weight,
    ...appliesRow(step.appliesTo),
    Phrases__c: joinLines(a?.phrases),
    Patterns__c: joinLines(a?.patterns),
    Contact_Lens__c: joinList(a?.contactLens),
    And_Phrases__c: joinLines(b?.phrases),
    And_Patterns__c: joinLines(b?.patterns),
    First_Seconds__c: d.window?.firstSeconds ?? null,
    Last_Seconds__c: d.window?.lastSeconds ?? null,
    Categories__c: joinList(d.categories),
    Must_Precede_Patterns__c: joinLines(d.mustPrecede?.patterns),
    After_Step__c: d.afterStep ?? null,
    Disposition_Counts__c: d.dispositionCounts,
    Coaching__c: d.coaching,
  };
}

function behaviourRows(variant: string, behaviours: Behaviours): MetadataRecord[] {
  return Object.entries(behaviours).flatMap(([key, check]) => {
    if (!check) return [];
    const c = check as { min?: number; max?: number; maxSeconds?: number; maxShare?: number; weight: number; coaching: string };
    return [
      {
        DeveloperName: `${variant}_${key}`,
        MasterLabel: `${variant}: ${key}`.slice(0, 40),
        Variant__c: variant,
        Behaviour__c: key,
        Minimum__c: c.min ?? null,
        Maximum__c: c.max ?? c.maxSeconds ?? c.maxShare ?? null,
        Weight__c: c.weight,
        Coaching__c: c.coaching,
      },
    ];
  });
}

/** The records that hold a standard (the package's defaults are generated from config/default-handling-standard.json). */
export function metadataFromStandard(standard: HandlingStandard): Required<HandlingMetadataRecords> {
  return {
    Callwise_Handling_Variant__mdt: standard.variants.map((v, i) => ({
      DeveloperName: v.name,
      MasterLabel: v.name,
      Name__c: v.name,
      Order__c: (i + 1) * 10,
      Standard_Version__c: standard.version,
      ...appliesRow(v.appliesTo),
      Minimum_Seconds__c: v.minimumSeconds,
    })),
    Callwise_Handling_Step__mdt: standard.variants.flatMap((v) => v.steps.map((s, j) => stepRow(v.name, s, (j + 1) * 10))),
    Callwise_Handling_Behaviour__mdt: standard.variants.flatMap((v) => behaviourRows(v.name, v.behaviours)),
  };
}
