import { BEHAVIOUR_LABELS, type Evidence, type ItemOutcome, type Scorecard } from '../functions/src/domain/handling/scorecard';
import { clockOffset } from '../functions/src/domain/handling/transcript';

const MARK: Record<ItemOutcome, string> = { passed: 'passed', missed: 'MISSED', 'not applicable': 'n/a' };

function evidenceText(evidence: Evidence | undefined): string {
  if (!evidence) return '';
  if (evidence.source === 'category') return `Contact Lens category "${evidence.category}"`;
  if (evidence.source === 'disposition') return 'disposition recorded';
  const at = evidence.offsetMillis === undefined ? '' : ` at ${clockOffset(evidence.offsetMillis)}`;
  return `turn ${evidence.turn + 1}${at}: "${evidence.quote}"`;
}

/** The scorecard as a person reads it: score, each step with its evidence, behaviours, the coaching note. */
export function formatScorecard(card: Scorecard): string {
  if (!card.scored) return `Not scored: ${card.reason} (${card.detail}). The call does not count towards pass rates.`;
  const width = Math.max(...card.steps.map((s) => s.label.length), ...card.behaviours.map((b) => BEHAVIOUR_LABELS[b.key].length));
  const steps = card.steps.map((s) => {
    const why = s.outcome === 'passed' ? evidenceText(s.evidence) : (s.reason ?? '');
    return `  ${MARK[s.outcome].padEnd(6)}  ${s.label.padEnd(width)}  w${String(s.weight).padStart(3)}  ${why}`.trimEnd();
  });
  const behaviours = card.behaviours.map((b) => {
    const value = b.value === undefined ? 'not measured' : String(b.value);
    return `  ${MARK[b.outcome].padEnd(6)}  ${BEHAVIOUR_LABELS[b.key].padEnd(width)}  w${String(b.weight).padStart(3)}  ${value} (${b.limit})`;
  });
  return [
    `Call handling: ${card.score}/100 (${card.variant} standard)`,
    '',
    'Steps',
    ...steps,
    '',
    'Behaviours',
    ...behaviours,
    '',
    `Coaching: ${card.coaching}`,
  ].join('\n');
}
