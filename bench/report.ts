/** One line of the benchmark table: a figure for Callwise and for the baseline, and the target. */
export interface BenchRow {
  name: string;
  callwise: string;
  baseline: string;
  /** Today's live lookup, where a table compares three systems (the directory section). */
  live?: string;
  target: string;
  met: boolean;
}

export function formatRows(title: string, rows: readonly BenchRow[]): string {
  if (rows.some((r) => r.live !== undefined)) return formatThreeSystems(title, rows);
  const widths = [
    Math.max(...rows.map((r) => r.name.length), 6),
    Math.max(...rows.map((r) => r.callwise.length), 8),
    Math.max(...rows.map((r) => r.baseline.length), 8),
  ];
  const line = (a: string, b: string, c: string, d: string, e: string) =>
    `${a.padEnd(widths[0]!)}  ${b.padStart(widths[1]!)}  ${c.padStart(widths[2]!)}  ${d.padEnd(4)}  ${e}`;
  return [
    title,
    line('', 'Callwise', 'baseline', '', 'target'),
    ...rows.map((r) => line(r.name, r.callwise, r.baseline, r.target ? (r.met ? 'MET' : 'MISS') : '', r.target)),
  ].join('\n');
}

/** Callwise, today's live lookup and the baseline side by side. */
function formatThreeSystems(title: string, rows: readonly BenchRow[]): string {
  const cols = (r: BenchRow) => [r.callwise, r.live ?? '', r.baseline];
  const widths = [Math.max(...rows.map((r) => r.name.length), 6), ...[0, 1, 2].map((i) => Math.max(...rows.map((r) => cols(r)[i]!.length), 11))];
  const line = (name: string, values: string[], verdict: string, target: string) =>
    `${name.padEnd(widths[0]!)}  ${values.map((v, i) => v.padStart(widths[i + 1]!)).join('  ')}  ${verdict.padEnd(4)}  ${target}`;
  return [
    title,
    line('', ['directory', 'live lookup', 'baseline'], '', 'target'),
    ...rows.map((r) => line(r.name, cols(r), r.target ? (r.met ? 'MET' : 'MISS') : '', r.target)),
  ].join('\n');
}
