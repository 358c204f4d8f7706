import type { BehaviourKey, StepKey } from './standard';

/** The result of scoring one call against the handling standard. */
export type ItemOutcome = 'passed' | 'missed' | 'not applicable';

export type Evidence =
  { source: 'transcript'; turn: number; offsetMillis?: number; quote: string } | { source: 'category'; category: string } | { source: 'disposition' };

export interface StepResult {
  key: StepKey;
  label: string;
  weight: number;
  outcome: ItemOutcome;
  /** Why it passed: the first matching turn (its offset), the matched category, or the disposition. */
  evidence?: Evidence;
  /** Why it was missed, when more can be said than "not heard". */
  reason?: string;
}

export interface BehaviourResult {
  key: BehaviourKey;
  weight: number;
  outcome: ItemOutcome;
  value?: number;
  limit: string;
}

export const NOT_SCORED_REASONS = ['one-way audio', 'no agent turns', 'too short', 'chat without transcript', 'nothing applicable'] as const;
export type NotScoredReason = (typeof NOT_SCORED_REASONS)[number];

export type Scorecard =
  | { scored: true; variant: string; score: number; steps: StepResult[]; behaviours: BehaviourResult[]; coaching: string; weakestStep?: StepKey }
  | { scored: false; reason: NotScoredReason; detail: string };

export const BEHAVIOUR_LABELS: Record<BehaviourKey, string> = {
  interruptions: 'Interruptions by the rep',
  longestMonologue: 'Longest rep monologue',
  talkListenRatio: 'Talk-to-listen ratio',
  nonTalkTime: 'Non-talk time',
  questionsAsked: 'Questions asked by the rep',
};

/** 0–100: the weight of what passed over the weight of what applied. */
export function scoreOf(items: { weight: number; outcome: ItemOutcome }[]): number | undefined {
  const applicable = items.filter((i) => i.outcome !== 'not applicable');
  const total = applicable.reduce((n, i) => n + i.weight, 0);
  if (total === 0) return undefined;
  const passed = applicable.filter((i) => i.outcome === 'passed').reduce((n, i) => n + i.weight, 0);
  return Math.round((passed / total) * 100);
}

/** The missed step that weighs most (first in the standard's order on a tie). */
export function weakestStep(steps: StepResult[]): StepResult | undefined {
  return steps.filter((s) => s.outcome === 'missed').reduce<StepResult | undefined>((w, s) => (!w || s.weight > w.weight ? s : w), undefined);
}
