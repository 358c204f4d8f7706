import { malformedQuery } from './errors';

/** SOQL literal values and comparisons, as Salesforce applies them (text compares case-insensitively). */

export type Literal = string | number | boolean | null | { from: number; to: number };

const DAY = 86_400_000;

/** Unquotes a SOQL string literal, resolving backslash escapes. LIKE keeps \% and \_ escaped. */
export function unquote(raw: string, keepLikeEscapes = false): string {
  const inner = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
  return inner.replace(/\\(.)/g, (_m, c: string) => {
    if (keepLikeEscapes && (c === '%' || c === '_')) return `\\${c}`;
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c;
  });
}

function utcDay(today: string, offsetDays: number): number {
  return Date.parse(`${today}T00:00:00Z`) + offsetDays * DAY;
}

function monthStart(today: string, offsetMonths: number): number {
  const d = new Date(`${today}T00:00:00Z`);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offsetMonths, 1);
}

function yearStart(today: string, offsetYears: number): number {
  return Date.UTC(new Date(`${today}T00:00:00Z`).getUTCFullYear() + offsetYears, 0, 1);
}

function weekStart(today: string, offsetWeeks: number): number {
  const start = utcDay(today, 0);
  return start - new Date(start).getUTCDay() * DAY + offsetWeeks * 7 * DAY;
}

/** A date literal (TODAY, LAST_N_DAYS:7, …) as a [from, to) range of epoch milliseconds, relative to `today`. */
export function dateLiteralRange(literal: string, today: string): { from: number; to: number } {
  const [name = '', arg] = literal.toUpperCase().split(':');
  const n = arg === undefined ? 0 : Number(arg);
  if (arg !== undefined && !Number.isInteger(n)) throw malformedQuery(`Invalid date literal: ${literal}`);
  const day = (o: number) => utcDay(today, o);
  const ranges: Record<string, () => [number, number]> = {
    TODAY: () => [day(0), day(1)],
    YESTERDAY: () => [day(-1), day(0)],
    TOMORROW: () => [day(1), day(2)],
    LAST_WEEK: () => [weekStart(today, -1), weekStart(today, 0)],
    THIS_WEEK: () => [weekStart(today, 0), weekStart(today, 1)],
    NEXT_WEEK: () => [weekStart(today, 1), weekStart(today, 2)],
    LAST_MONTH: () => [monthStart(today, -1), monthStart(today, 0)],
    THIS_MONTH: () => [monthStart(today, 0), monthStart(today, 1)],
    NEXT_MONTH: () => [monthStart(today, 1), monthStart(today, 2)],
    LAST_YEAR: () => [yearStart(today, -1), yearStart(today, 0)],
    THIS_YEAR: () => [yearStart(today, 0), yearStart(today, 1)],
    NEXT_YEAR: () => [yearStart(today, 1), yearStart(today, 2)],
    LAST_90_DAYS: () => [day(-90), day(1)],
    NEXT_90_DAYS: () => [day(1), day(91)],
    LAST_N_DAYS: () => [day(-n), day(1)],
    NEXT_N_DAYS: () => [day(1), day(n + 1)],
    N_DAYS_AGO: () => [day(-n), day(-n + 1)],
    LAST_N_WEEKS: () => [weekStart(today, -n), weekStart(today, 0)],
    NEXT_N_WEEKS: () => [weekStart(today, 1), weekStart(today, n + 1)],
    LAST_N_MONTHS: () => [monthStart(today, -n), monthStart(today, 0)],
    NEXT_N_MONTHS: () => [monthStart(today, 1), monthStart(today, n + 1)],
  };
  const range = ranges[name];
  if (!range) throw malformedQuery(`Unsupported date literal: ${literal}`);
  const [from, to] = range();
  return { from, to };
}

/** Turns one parsed literal into a value. */
export function literalValue(literalType: string | undefined, raw: string, today: string, keepLikeEscapes = false): Literal {
  switch (literalType) {
    case 'STRING':
      return unquote(raw, keepLikeEscapes);
    case 'INTEGER':
    case 'DECIMAL':
    case 'INTEGER_WITH_CURRENCY_PREFIX':
    case 'DECIMAL_WITH_CURRENCY_PREFIX':
      return Number(raw.replace(/^[A-Z]{3}/, ''));
    case 'BOOLEAN':
      return raw.toUpperCase() === 'TRUE';
    case 'NULL':
      return null;
    case 'DATE':
      return { from: Date.parse(`${raw}T00:00:00Z`), to: Date.parse(`${raw}T00:00:00Z`) + DAY };
    case 'DATETIME': {
      const at = Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      if (Number.isNaN(at)) throw malformedQuery(`Invalid datetime: ${raw}`);
      return { from: at, to: at + 1 };
    }
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL':
      return dateLiteralRange(raw, today);
    default:
      return unquote(raw, keepLikeEscapes);
  }
}

/** Epoch milliseconds of a stored Date or DateTime value ("2026-11-24", "2026-11-24T10:00:00.000+0000"). */
export function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const at = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(at) ? undefined : at;
}

/** Orders two stored values (nulls handled by the caller): numbers numerically, text case-insensitively. */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a).toLowerCase();
  const sb = String(b).toLowerCase();
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

const isRange = (v: Literal): v is { from: number; to: number } => typeof v === 'object' && v !== null;

/** Evaluates `value <operator> literal`. */
export function compare(value: unknown, operator: string, literal: Literal): boolean {
  const missing = value === null || value === undefined || value === '';
  if (literal === null) {
    if (operator === '=') return missing;
    if (operator === '!=' || operator === '<>') return !missing;
    return false;
  }
  if (missing) return operator === '!=' || operator === '<>';
  if (isRange(literal)) {
    const at = timeOf(value);
    if (at === undefined) return false;
    const ops: Record<string, boolean> = {
      '=': at >= literal.from && at < literal.to,
      '!=': at < literal.from || at >= literal.to,
      '<': at < literal.from,
      '<=': at < literal.to,
      '>': at >= literal.to,
      '>=': at >= literal.from,
    };
    ops['<>'] = ops['!='] as boolean;
    return ops[operator] ?? false;
  }
  if (operator === '=' || operator === '!=' || operator === '<>') {
    const same = sameId(value, literal);
    if (same !== undefined) return operator === '=' ? same : !same;
  }
  const left = typeof literal === 'number' && typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  const order = compareValues(left, literal);
  switch (operator) {
    case '=':
      return order === 0;
    case '!=':
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    default:
      throw malformedQuery(`Unsupported operator: ${operator}`);
  }
}

const ID_18 = /^[a-zA-Z0-9]{18}$/;
const ID_15 = /^[a-zA-Z0-9]{15}$/;

/** Record ids compare case-sensitively, and a 15-character id equals its 18-character form. */
function sameId(value: unknown, literal: Literal): boolean | undefined {
  if (typeof value !== 'string' || typeof literal !== 'string' || !ID_18.test(value)) return undefined;
  if (ID_18.test(literal)) return value === literal;
  if (ID_15.test(literal)) return value.slice(0, 15) === literal;
  return undefined;
}

/** SOQL LIKE: % and _ wildcards, case-insensitive, \% and \_ literal. */
export function like(value: unknown, pattern: string): boolean {
  if (typeof value !== 'string') return false;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern.charAt(++i));
    else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += escapeRegex(c);
  }
  return new RegExp(`^${source}$`, 'i').test(value);
}

const escapeRegex = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
