import type { CallerProfile } from './caller-profile';
import { CRM_SIGNALS, type CrmSignal, type RoutingPolicy } from '../policy/policy';

type Opportunity = CallerProfile['openOpportunities'][number];

/** The CRM facts about a caller that can imply an intent or match a rule, with the records behind them. */
export interface CrmFacts {
  /** Present signals, in CRM_SIGNALS order. */
  signals: CrmSignal[];
  /** The largest open opportunity in a late stage (policy.crmSignals.lateStageOpportunityStages). */
  lateStageOpportunity?: Opportunity;
  /** The renewal opportunity closing soonest within policy.crmSignals.renewalDueWithinDays. */
  renewalDue?: Opportunity;
}

const DAY_MS = 86_400_000;
export const NO_CRM_FACTS: CrmFacts = { signals: [] };

export function crmFactsOf(profile: CallerProfile | null, policy: RoutingPolicy, now: Date): CrmFacts {
  if (!profile?.known) return NO_CRM_FACTS;
  const lateStages = new Set(policy.crmSignals.lateStageOpportunityStages.map((s) => s.toLowerCase()));
  const lateStageOpportunity = largest(profile.openOpportunities.filter((o) => lateStages.has(o.stageName.toLowerCase())));
  const renewalDue = soonest(profile.openOpportunities.filter((o) => isDueRenewal(o, policy.crmSignals.renewalDueWithinDays, now)));
  const present: Record<CrmSignal, boolean> = {
    openCase: profile.openCases.count > 0,
    lateStageOpportunity: lateStageOpportunity !== undefined,
    renewalDue: renewalDue !== undefined,
    overdueInvoice: profile.account?.overdueInvoice === true,
  };
  return {
    signals: CRM_SIGNALS.filter((s) => present[s]),
    ...(lateStageOpportunity ? { lateStageOpportunity } : {}),
    ...(renewalDue ? { renewalDue } : {}),
  };
}

/** An open renewal (Type contains "Renewal") that closes within `withinDays`, or should already have closed. */
function isDueRenewal(opportunity: Opportunity, withinDays: number, now: Date): boolean {
  if (!/renewal/i.test(opportunity.type)) return false;
  const closes = Date.parse(opportunity.closeDate);
  return Number.isFinite(closes) && closes <= now.getTime() + withinDays * DAY_MS;
}

function largest(opportunities: Opportunity[]): Opportunity | undefined {
  return opportunities.reduce<Opportunity | undefined>((best, o) => (!best || o.amount > best.amount ? o : best), undefined);
}

function soonest(opportunities: Opportunity[]): Opportunity | undefined {
  return opportunities.reduce<Opportunity | undefined>((best, o) => (!best || o.closeDate < best.closeDate ? o : best), undefined);
}
