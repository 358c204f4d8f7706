import { malformedQuery } from './errors';
import type { ResolvedPath } from './soql-fields';
import { compareValues } from './soql-values';
import type { Row } from './store';

/** Aggregate queries: COUNT/COUNT_DISTINCT/SUM/AVG/MIN/MAX, optionally GROUP BY fields, as AggregateResult rows. */

export interface AggregateField {
  type: string;
  field?: string;
  functionName?: string;
  parameters?: unknown[];
  alias?: string;
  rawValue?: string;
}

type Compute = (values: unknown[]) => unknown;

const numbers = (values: unknown[]) => values.map(Number).filter((n) => !Number.isNaN(n));
const FUNCTIONS: Record<string, Compute> = {
  COUNT: (values) => values.length,
  COUNT_DISTINCT: (values) => new Set(values.map(String)).size,
  SUM: (values) => numbers(values).reduce((s, n) => s + n, 0),
  AVG: (values) => {
    const n = numbers(values);
    return n.length ? n.reduce((s, x) => s + x, 0) / n.length : null;
  },
  MIN: (values) => (values.length ? [...values].sort(compareValues)[0] : null),
  MAX: (values) => (values.length ? [...values].sort(compareValues).at(-1) : null),
};

interface Column {
  key: string;
  value(rows: Row[]): unknown;
}

export function aggregateRows(
  fields: AggregateField[],
  groupBy: string[],
  rows: Row[],
  resolve: (f: string) => ResolvedPath,
  order: Array<{ field: string; descending: boolean }>,
): Row[] {
  const groups = groupBy.map((g) => resolve(g));
  let unnamed = 0;
  const columns: Column[] = fields.map((f) => {
    if (f.type === 'FieldFunctionExpression') {
      const fn = FUNCTIONS[(f.functionName ?? '').toUpperCase()];
      if (!fn) throw malformedQuery(`unsupported aggregate function ${f.functionName ?? ''}`);
      const param = f.parameters?.[0];
      const path = typeof param === 'string' ? resolve(param) : undefined;
      const key = f.alias ?? `expr${unnamed++}`;
      return { key, value: (rs) => fn(path ? rs.map((r) => path.get(r)).filter((v) => v !== null && v !== undefined) : rs) };
    }
    const raw = f.type === 'Field' ? (f.field ?? '') : (f.rawValue ?? '');
    const path = resolve(raw);
    if (!groups.some((g) => g.canonical === path.canonical)) throw malformedQuery(`Field must be grouped or aggregated: ${raw}`);
    return { key: f.alias ?? path.field, value: (rs) => (rs[0] ? path.get(rs[0]) : null) };
  });
  const buckets = new Map<string, Row[]>();
  for (const row of rows) {
    const key = JSON.stringify(groups.map((g) => g.get(row)));
    buckets.set(key, [...(buckets.get(key) ?? []), row]);
  }
  if (groups.length === 0 && buckets.size === 0) buckets.set('[]', []);
  const results = [...buckets.values()].map((members) => {
    const out: Row = { attributes: { type: 'AggregateResult' } };
    for (const column of columns) out[column.key] = column.value(members);
    return out;
  });
  const keys = order.map((o) => ({ ...o, key: columns.find((c) => c.key.toLowerCase() === resolve(o.field).field.toLowerCase())?.key ?? o.field }));
  return keys.length === 0
    ? results
    : results.sort((a, b) => {
        for (const k of keys) {
          const diff = compareValues(a[k.key] ?? '', b[k.key] ?? '');
          if (diff !== 0) return k.descending ? -diff : diff;
        }
        return 0;
      });
}
