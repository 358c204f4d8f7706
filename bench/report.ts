/** One line of the benchmark table: a figure for Callwise and for the baseline, and the target. */
export interface BenchRow {
  name: string;
  callwise: string;
  baseline: string;
  target: string;
  met: boolean;
}

export function formatRows(title: string, rows: readonly BenchRow[]): string {
  const widths = [Math.max(...rows.map((r) => r.name.length), 6), Math.max(...rows.map((r) => r.callwise.length), 8), Math.max(...rows.map((r) => r.baseline.length), 8)];
  const line = (a: string, b: string, c: string, d: string, e: string) => `${a.padEnd(widths[0]!)}  ${b.padStart(widths[1]!)}  ${c.padStart(widths[2]!)}  ${d.padEnd(4)}  ${e}`;
  return [title, line('', 'Callwise', 'baseline', '', 'target'), ...rows.map((r) => line(r.name, r.callwise, r.baseline, r.target ? (r.met ? 'MET' : 'MISS') : '', r.target))].join('\n');
}
