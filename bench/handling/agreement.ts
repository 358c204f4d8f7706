import { parseHandlingTranscript } from '../../functions/src/adapters/contact-lens/handling-transcript';
import type { Scorecard } from '../../functions/src/domain/handling/scorecard';
import { scoreCall } from '../../functions/src/domain/handling/score';
import type { HandlingStandard } from '../../functions/src/domain/handling/standard';
import { type Expected, type LabelKey, type LabelledCase } from './cases';

/** How often the scorer agrees with the hand labels, per step and overall. */
export interface Agreement {
  item: string;
  agreed: number;
  total: number;
  /** Agreement of the trivial baseline that always answers the most common label. */
  baselineAgreed: number;
}

export interface Disagreement {
  id: string;
  item: string;
  expected: string;
  actual: string;
}

function actualOf(card: Scorecard, key: LabelKey): Expected | undefined {
  if (!card.scored) return undefined;
  return (card.steps.find((s) => s.key === key) ?? card.behaviours.find((b) => b.key === key))?.outcome;
}

export function measureAgreement(cases: LabelledCase[], standard: HandlingStandard): { rows: Agreement[]; disagreements: Disagreement[] } {
  const pairs: { item: string; expected: string; actual: string; id: string; heldOut: boolean }[] = [];
  for (const c of cases) {
    const card = scoreCall(parseHandlingTranscript(c.analysis), standard, c.context);
    const status = card.scored ? 'scored' : card.reason;
    const heldOut = c.set === 'held-out';
    pairs.push({ id: c.id, heldOut, item: 'scored / not scored', expected: c.expected.status, actual: status });
    if (!('items' in c.expected)) continue;
    for (const [key, expected] of Object.entries(c.expected.items) as [LabelKey, Expected][]) {
      pairs.push({ id: c.id, heldOut, item: key, expected, actual: actualOf(card, key) ?? status });
    }
  }
  const items = [...new Set(pairs.map((p) => p.item))];
  const rowOf = (item: string, subset: typeof pairs): Agreement => {
    const counts = new Map<string, number>();
    for (const p of subset) counts.set(p.expected, (counts.get(p.expected) ?? 0) + 1);
    return { item, agreed: subset.filter((p) => p.expected === p.actual).length, total: subset.length, baselineAgreed: Math.max(...counts.values()) };
  };
  const rows = items.map((item) =>
    rowOf(
      item,
      pairs.filter((p) => p.item === item),
    ),
  );
  const sum = (item: string, of: Agreement[]) =>
    of.reduce((o, r) => ({ ...o, agreed: o.agreed + r.agreed, total: o.total + r.total, baselineAgreed: o.baselineAgreed + r.baselineAgreed }), {
      item,
      agreed: 0,
      total: 0,
      baselineAgreed: 0,
    });
  const heldOutRows = items
    .map((item) =>
      rowOf(
        item,
        pairs.filter((p) => p.item === item && p.heldOut),
      ),
    )
    .filter((r) => r.total > 0);
  return { rows: [...rows, sum('overall', rows), sum('held-out overall', heldOutRows)], disagreements: pairs.filter((p) => p.expected !== p.actual) };
}
