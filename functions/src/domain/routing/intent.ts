import type { CallerProfile, PastCall } from './caller-profile';
import type { CrmFacts } from './crm-signals';
import type { CrmSignal, IntentDefinition, RoutingPolicy } from '../policy/policy';
import type { CallFacts } from './routing-decision';

/** Where an intent came from, strongest first. */
export type IntentSource = 'ivr' | 'lex' | 'dialled' | 'crm' | 'repeat' | 'default';

/** How sure each source is; a chosen intent takes the highest confidence among the sources that agree with it. */
export const INTENT_CONFIDENCE: Record<IntentSource, number> = { ivr: 0.95, lex: 0.9, dialled: 0.7, crm: 0.6, repeat: 0.75, default: 0.3 };
const PRECEDENCE: IntentSource[] = ['ivr', 'lex', 'dialled', 'crm', 'repeat', 'default'];

export interface IntentInference {
  name: string;
  confidence: number;
  /** Every signal seen, e.g. "IVR choice 2 → support"; no personal data. */
  reasons: string[];
  source: IntentSource;
}

export const CRM_SIGNAL_LABELS: Record<CrmSignal, string> = {
  openCase: 'open case',
  lateStageOpportunity: 'late-stage opportunity',
  renewalDue: 'renewal due',
  overdueInvoice: 'overdue invoice',
};

export interface IntentInput {
  facts: CallFacts;
  crm: CrmFacts;
  pastCalls: PastCall[];
  profile: CallerProfile | null;
  policy: RoutingPolicy;
  now: Date;
}

interface Signal {
  source: IntentSource;
  intent: string;
}

/** Infers why the caller is calling: IVR choice, then Lex, dialled number, CRM facts, a repeat call, else the default. */
export function inferIntent({ facts, crm, pastCalls, profile, policy, now }: IntentInput): IntentInference {
  const signals: Signal[] = [];
  const reasons: string[] = [];
  const see = (source: IntentSource, intent: IntentDefinition | undefined, label: string) => {
    if (intent) {
      signals.push({ source, intent: intent.name });
      reasons.push(`${label} → ${intent.name}`);
    } else {
      reasons.push(`${label} not mapped`);
    }
  };
  const find = (matches: (i: IntentDefinition) => boolean) => policy.intents.find(matches);

  if (facts.ivrChoice) {
    see(
      'ivr',
      find((i) => i.signals.ivrChoices.includes(facts.ivrChoice)),
      `IVR choice ${quotable(facts.ivrChoice, /^[0-9*#]{1,4}$/)}`,
    );
  }
  if (facts.lexIntent) {
    see(
      'lex',
      find((i) => i.signals.lexIntents.includes(facts.lexIntent)),
      `Lex intent ${quotable(facts.lexIntent, /^[A-Za-z0-9_]{1,100}$/)}`,
    );
  }
  if (facts.dialledNumber) {
    const dialled = facts.dialledNumber;
    const intent = find((i) => i.signals.dialledNumbers.includes(dialled));
    // The company's own numbers are not personal data; an unmapped one is not named.
    if (intent) see('dialled', intent, `dialled ${dialled}`);
  }
  // Several CRM facts can point different ways: the first intent in policy order wins.
  for (const intent of policy.intents) {
    for (const signal of crm.signals) {
      if (intent.signals.crm.includes(signal)) see('crm', intent, CRM_SIGNAL_LABELS[signal]);
    }
  }
  const repeat = latestCallWithin(pastCalls, profile, policy.crmSignals.repeatCallWindowHours, now);
  if (repeat) {
    const intent = find((i) => i.name === repeat.intent && i.signals.repeatCall);
    const hours = Math.max(0, Math.floor((now.getTime() - Date.parse(repeat.at)) / 3_600_000));
    if (intent) see('repeat', intent, `repeat call (${hours} h ago, ${intent.name})`);
  }

  const chosen = PRECEDENCE.map((source) => signals.find((s) => s.source === source)).find((s) => s !== undefined);
  if (!chosen) {
    return {
      name: policy.defaultIntent,
      confidence: INTENT_CONFIDENCE.default,
      reasons: [...reasons, `no signal → ${policy.defaultIntent}`],
      source: 'default',
    };
  }
  const agreeing = signals.filter((s) => s.intent === chosen.intent).map((s) => INTENT_CONFIDENCE[s.source]);
  return { name: chosen.intent, confidence: Math.max(...agreeing), reasons, source: chosen.source };
}

/** Calls from this number within the window, newest first: Callwise's own history, then calls logged in Salesforce. */
export function callsWithin(pastCalls: PastCall[], profile: CallerProfile | null, windowHours: number, now: Date): { at: string; intent: string }[] {
  const since = now.getTime() - windowHours * 3_600_000;
  const inWindow = (at: string) => {
    const t = Date.parse(at);
    return Number.isFinite(t) && t >= since && t <= now.getTime();
  };
  const own = pastCalls.filter((c) => inWindow(c.at));
  // Callwise's history and Salesforce's log record the same calls: use one, not both.
  const calls = own.length > 0 ? own : (profile?.recentCalls ?? []).filter((c) => inWindow(c.at));
  return [...calls].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

function latestCallWithin(pastCalls: PastCall[], profile: CallerProfile | null, windowHours: number, now: Date) {
  return callsWithin(pastCalls, profile, windowHours, now).find((c) => c.intent !== '');
}

/** The value itself when it has the expected shape; otherwise it is not repeated (it could be anything a caller typed). */
function quotable(value: string, shape: RegExp): string {
  return shape.test(value) ? value : '(unrecognised)';
}
