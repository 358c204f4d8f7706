import type { CallerProfile } from './caller-profile';
import type { CrmFacts } from './crm-signals';
import type { RoutingPolicy } from '../policy/policy';

export interface ValueAssessment {
  score: number;
  tier: string;
  reasons: string[];
}

type Value = RoutingPolicy['value'];
type Band = Value['annualRevenueBands'][number];

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Scores how valuable the caller is (0–100) from the policy's weights; unknown callers score 0, the lowest tier. */
export function scoreValue(profile: CallerProfile | null, crm: CrmFacts, value: Value): ValueAssessment {
  if (!profile?.known) return { score: 0, tier: lowestTier(value), reasons: ['unknown caller'] };
  const reasons: string[] = [];
  let points = 0;
  const add = (amount: number, reason: string) => {
    if (amount <= 0) return;
    points += amount;
    reasons.push(`${reason} +${amount}`);
  };

  const accountTier = profile.account?.tier ?? '';
  if (accountTier) add(tierPoints(value.accountTierPoints, accountTier), `account tier ${accountTier.slice(0, 40)}`);
  const revenue = bandOf(value.annualRevenueBands, profile.account?.annualRevenue ?? 0);
  if (revenue) add(revenue.points, `annual revenue ≥ ${compact.format(revenue.minimum)}`);
  const pipelineTotal = profile.openOpportunities.reduce((sum, o) => sum + (Number.isFinite(o.amount) && o.amount > 0 ? o.amount : 0), 0);
  const pipeline = bandOf(value.openPipelineBands, pipelineTotal);
  if (pipeline) add(pipeline.points, `open pipeline ≥ ${compact.format(pipeline.minimum)}`);
  if (crm.signals.includes('lateStageOpportunity')) add(value.lateStageOpportunityPoints, 'late-stage opportunity');
  if (profile.record?.type === 'PersonAccount') add(value.personAccountPoints, 'person account');
  if (profile.record?.type === 'Lead') add(value.leadPoints, 'lead');

  const score = Math.min(100, Math.max(0, Math.round(points)));
  if (points > 100) reasons.push('capped at 100');
  if (reasons.length === 0) reasons.push('no value signals');
  return { score, tier: tierFor(value, score), reasons };
}

/** The highest tier whose minScore the score reaches. */
export function tierFor(value: Value, score: number): string {
  const reached = value.tiers.filter((t) => t.minScore <= score).sort((a, b) => b.minScore - a.minScore);
  return reached[0]?.name ?? lowestTier(value);
}

export function lowestTier(value: Value): string {
  return [...value.tiers].sort((a, b) => a.minScore - b.minScore)[0]?.name ?? '';
}

/** Points for an Account tier: the exact key, else the same word in another case (Gold, GOLD). */
function tierPoints(points: Record<string, number>, tier: string): number {
  const exact = points[tier];
  if (exact !== undefined) return exact;
  const key = Object.keys(points).find((k) => k.toLowerCase() === tier.trim().toLowerCase());
  return key ? (points[key] ?? 0) : 0;
}

/** The band with the largest minimum that `amount` reaches. */
function bandOf(bands: Band[], amount: number): Band | undefined {
  if (!Number.isFinite(amount)) return undefined;
  return bands.filter((b) => amount >= b.minimum).sort((a, b) => b.minimum - a.minimum)[0];
}
