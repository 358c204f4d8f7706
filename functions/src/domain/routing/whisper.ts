import type { CallerProfile } from './caller-profile';
import type { CrmFacts } from './crm-signals';
import type { IntentInference } from './intent';
import type { RoutingPolicy } from '../policy/policy';
import type { CallFacts } from './routing-decision';
import { singleLine, truncate } from '../text';

/** The whisper is spoken to the rep before the caller is connected: one short sentence. */
export const MAX_WHISPER_LENGTH = 120;

export interface WhisperInput {
  facts: CallFacts;
  profile: CallerProfile | null;
  crm: CrmFacts;
  intent: IntentInference;
  /** How many earlier calls came from this number within the repeat-call window. */
  recentCallCount: number;
  policy: RoutingPolicy;
}

/**
 * One sentence for the rep, e.g. "Gold Acme Corp — support: open case 'Printer jam' (2 open); called 2× in 24 h."
 * or "New caller — sales (IVR 1)."
 */
export function composeWhisper({ facts, profile, crm, intent, recentCallCount, policy }: WhisperInput): string {
  const label = intentLabel(policy, intent.name);
  const detail = crmDetail(intent.name, profile, crm, policy) ?? sourceTag(intent, facts);
  const repeat = recentCallCount > 0 ? `; called ${recentCallCount}× in ${policy.crmSignals.repeatCallWindowHours} h` : '';
  const what = detail.startsWith('(') ? `${label} ${detail}` : detail ? `${label}: ${detail}` : label;
  return sentence(`${who(facts, profile)} — ${what}${repeat}`);
}

/** The whisper when the caller could not be looked up. */
export function fallbackWhisper(facts: CallFacts, intent: IntentInference, policy: RoutingPolicy): string {
  const tag = sourceTag(intent, facts);
  return sentence(
    `${facts.customerNumberStatus === 'anonymous' ? 'Anonymous caller' : 'Caller details unavailable'} — ${intentLabel(policy, intent.name)}${tag ? ` ${tag}` : ''}`,
  );
}

function who(facts: CallFacts, profile: CallerProfile | null): string {
  if (profile?.known) {
    const name = profile.account?.name || profile.record?.name || 'Known caller';
    const tier = profile.account?.tier ? `${profile.account.tier} ` : '';
    return truncate(singleLine(`${tier}${name}`), 48);
  }
  if (facts.customerNumberStatus === 'anonymous') return 'Anonymous caller';
  return 'New caller';
}

function intentLabel(policy: RoutingPolicy, intentName: string): string {
  return policy.intents.find((i) => i.name === intentName)?.whisperLabel ?? intentName;
}

/** What the CRM says about the reason for the call, when a CRM fact backs the chosen intent. */
function crmDetail(intentName: string, profile: CallerProfile | null, crm: CrmFacts, policy: RoutingPolicy): string | undefined {
  const backing = policy.intents.find((i) => i.name === intentName)?.signals.crm ?? [];
  const signal = crm.signals.find((s) => backing.includes(s));
  if (!signal || !profile) return undefined;
  const quote = (text: string) => `'${truncate(singleLine(text), 32)}'`;
  switch (signal) {
    case 'openCase': {
      const subject = profile.openCases.latestSubject ? `${quote(profile.openCases.latestSubject)} ` : '';
      return `open case ${subject}(${profile.openCases.count} open)`;
    }
    case 'lateStageOpportunity': {
      const opportunity = crm.lateStageOpportunity;
      return opportunity ? `${truncate(singleLine(opportunity.stageName), 24)} on ${quote(opportunity.name || 'opportunity')}` : 'late-stage opportunity';
    }
    case 'renewalDue': {
      const renewal = crm.renewalDue;
      return renewal ? `renewal ${quote(renewal.name || 'renewal')} closes ${renewal.closeDate.slice(0, 10)}` : 'renewal due';
    }
    case 'overdueInvoice':
      return 'overdue invoice';
  }
}

/** How the intent was learnt, when that helps the rep: "(IVR 1)", "(said BuyProduct)". */
function sourceTag(intent: IntentInference, facts: CallFacts): string {
  switch (intent.source) {
    case 'ivr':
      return `(IVR ${truncate(singleLine(facts.ivrChoice), 4)})`;
    case 'lex':
      return `(said ${truncate(singleLine(facts.lexIntent), 24)})`;
    case 'dialled':
      return '(dialled line)';
    case 'repeat':
      return '(calling back)';
    default:
      return '';
  }
}

function sentence(text: string): string {
  const line = singleLine(text);
  return truncate(line.endsWith('.') ? line : `${line}.`, MAX_WHISPER_LENGTH);
}
