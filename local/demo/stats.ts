/** Counting and percentiles for the demo summary and the benchmarks. */
export class Tally {
  private readonly counts = new Map<string, number>();
  add(key: string, by = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  entries(): Array<[string, number]> {
    return [...this.counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }
}

/** The p-th percentile (0–100) by nearest rank; 0 for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '0.0%');

/** "name  count  share" lines, for a tally. */
export function tallyLines(title: string, tally: Tally, total: number): string[] {
  return [title, ...tally.entries().map(([k, n]) => `  ${k.padEnd(14)} ${String(n).padStart(6)}  ${pct(n, total).padStart(6)}`)];
}
