import type { Scorecard, StepResult } from './scorecard';
import type { StepKey } from './standard';
import { clockOffset } from './transcript';

/**
 * What the Call Task keeps of a scorecard (kept with the contact's analysis): the score, each step's
 * outcome, where the passed steps were heard, the coaching note. Never a transcript quote.
 */
export type StepOutcomeLabel = 'Passed' | 'Missed' | 'Not applicable';

export interface HandlingSummary {
  /** "Scored", or "Not scored: <reason>" (such a call has no score, never a zero). */
  status: string;
  score?: number;
  /** Variant and standard version, e.g. "support 2026-12-02". */
  standard?: string;
  steps?: Partial<Record<StepKey, StepOutcomeLabel>>;
  /** "Resolution 0:18; Summary and next steps 0:24": where each passed step was first heard. */
  evidence?: string;
  coaching?: string;
  weakestStep?: string;
}

const LABELS = { passed: 'Passed', missed: 'Missed', 'not applicable': 'Not applicable' } as const;

function evidenceOf(step: StepResult): string | undefined {
  const e = step.evidence;
  if (step.outcome !== 'passed' || !e) return undefined;
  if (e.source === 'transcript') return e.offsetMillis === undefined ? `${step.label} turn ${e.turn + 1}` : `${step.label} ${clockOffset(e.offsetMillis)}`;
  return `${step.label} (${e.source === 'category' ? 'category' : 'disposition'})`;
}

export function summariseScorecard(card: Scorecard, standardVersion: string): HandlingSummary {
  if (!card.scored) return { status: `Not scored: ${card.reason}` };
  return {
    status: 'Scored',
    score: card.score,
    standard: `${card.variant} ${standardVersion}`,
    steps: Object.fromEntries(card.steps.map((s) => [s.key, LABELS[s.outcome]])),
    evidence: card.steps.map(evidenceOf).filter(Boolean).join('; '),
    coaching: card.coaching,
    weakestStep: card.steps.find((s) => s.key === card.weakestStep)?.label,
  };
}
