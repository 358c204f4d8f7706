import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateStandard } from '../functions/src/domain/handling/standard';
import { loadCases } from './handling/cases';
import { measureAgreement } from './handling/agreement';
import type { BenchRow } from './report';

/** Call-handling accuracy: the rule-based scorer against the hand-labelled set; baseline = always the most common label. */
export function benchHandling(log: (line: string) => void): BenchRow[] {
  const parsed = validateStandard(JSON.parse(readFileSync(join(__dirname, '..', 'config', 'default-handling-standard.json'), 'utf8')));
  if (!parsed.ok) throw new Error(`config/default-handling-standard.json is invalid: ${parsed.errors.join('; ')}`);
  const cases = loadCases();
  const { rows, disagreements } = measureAgreement(cases, parsed.standard);
  for (const d of disagreements) log(`  disagreement ${d.id} ${d.item}: labelled ${d.expected}, scored ${d.actual}`);
  const pct = (n: number, total: number) => `${((100 * n) / total).toFixed(1)}% (${n}/${total})`;
  const heldOut = cases.filter((c) => c.set === 'held-out').length;
  return rows.map((r) => {
    const met = r.agreed / r.total >= 0.95;
    return {
      name: `${r.item} agreement, ${r.item.startsWith('held-out') ? heldOut : cases.length} calls`,
      callwise: pct(r.agreed, r.total),
      baseline: pct(r.baselineAgreed, r.total),
      target: '>= 95%',
      met,
    };
  });
}
