import { malformedQuery } from './errors';
import { compare, like, literalValue, unquote, type Literal } from './soql-values';
import type { Row } from './store';
import type { ResolvedPath } from './soql-fields';

/**
 * The parser gives WHERE as a right-leaning chain with paren counts on each condition; this flattens it to
 * tokens and parses them again with the usual precedence (NOT > AND > OR) into one predicate.
 */

export type Predicate = (row: Row) => boolean;

interface ParsedCondition {
  field?: string;
  fn?: unknown;
  operator?: string;
  literalType?: string;
  value?: string | string[];
  valueQuery?: unknown;
  openParen?: number;
  closeParen?: number;
}

interface WhereNode {
  left?: ParsedCondition | null;
  operator?: string;
  right?: WhereNode;
}

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | ParsedCondition;

export interface ConditionContext {
  today: string;
  resolve(field: string): ResolvedPath;
  /** Values of the first field of a semi-join subquery. */
  subquery(query: unknown): unknown[];
}

function flatten(node: WhereNode | undefined, out: Token[]): Token[] {
  if (!node) return out;
  const left = node.left;
  const isCondition = !!left && (left.field !== undefined || left.fn !== undefined);
  for (let i = 0; i < (left?.openParen ?? 0); i++) out.push('(');
  if (!isCondition) {
    if (node.operator !== 'NOT') throw malformedQuery('unexpected token in WHERE clause');
    out.push('NOT');
    return flatten(node.right, out);
  }
  out.push(left);
  for (let i = 0; i < (left.closeParen ?? 0); i++) out.push(')');
  if (node.operator) {
    const op = node.operator.toUpperCase();
    if (op !== 'AND' && op !== 'OR') throw malformedQuery(`unexpected operator ${node.operator}`);
    out.push(op);
    flatten(node.right, out);
  }
  return out;
}

function condition(c: ParsedCondition, ctx: ConditionContext): Predicate {
  if (c.field === undefined) throw malformedQuery('functions in WHERE are not supported by the emulator');
  const path = ctx.resolve(c.field);
  const operator = (c.operator ?? '').toUpperCase();
  if (c.literalType === 'SUBQUERY' || c.valueQuery) {
    const values = new Set(ctx.subquery(c.valueQuery).map((v) => String(v)));
    return operator === 'NOT IN' ? (row) => !values.has(String(path.get(row))) : (row) => values.has(String(path.get(row)));
  }
  const raws = Array.isArray(c.value) ? c.value : [c.value ?? ''];
  const literalType = c.literalType;
  switch (operator) {
    case 'IN':
    case 'NOT IN': {
      const literals = raws.map((r, i) => literalValue(Array.isArray(literalType) ? literalType[i] : literalType, r, ctx.today));
      const inside = (row: Row) => literals.some((l) => compare(path.get(row), '=', l));
      return operator === 'IN' ? inside : (row) => !inside(row);
    }
    case 'LIKE': {
      const pattern = unquote(raws[0] ?? '', true);
      return (row) => like(path.get(row), pattern);
    }
    case 'INCLUDES':
    case 'EXCLUDES': {
      const sets = raws.map((r) =>
        unquote(r)
          .split(';')
          .map((s) => s.trim().toLowerCase()),
      );
      const includes = (row: Row) => {
        const have = new Set(
          String(path.get(row) ?? '')
            .split(';')
            .map((s) => s.trim().toLowerCase()),
        );
        return sets.some((set) => set.every((s) => have.has(s)));
      };
      return operator === 'INCLUDES' ? includes : (row) => !includes(row);
    }
    default: {
      const literal: Literal = literalValue(literalType, raws[0] ?? '', ctx.today);
      return (row) => compare(path.get(row), operator, literal);
    }
  }
}

export function compileWhere(where: unknown, ctx: ConditionContext): Predicate {
  if (!where) return () => true;
  const tokens = flatten(where as WhereNode, []);
  let at = 0;
  const peek = () => tokens[at];
  const expression = (): Predicate => {
    let left = term();
    while (peek() === 'OR') {
      at++;
      const a = left;
      const b = term();
      left = (row) => a(row) || b(row);
    }
    return left;
  };
  const term = (): Predicate => {
    let left = factor();
    while (peek() === 'AND') {
      at++;
      const a = left;
      const b = factor();
      left = (row) => a(row) && b(row);
    }
    return left;
  };
  const factor = (): Predicate => {
    const token = tokens[at++];
    if (token === 'NOT') {
      const inner = factor();
      return (row) => !inner(row);
    }
    if (token === '(') {
      const inner = expression();
      if (tokens[at++] !== ')') throw malformedQuery('unbalanced parentheses in WHERE clause');
      return inner;
    }
    if (token === undefined || typeof token === 'string') throw malformedQuery('unexpected token in WHERE clause');
    return condition(token, ctx);
  };
  const predicate = expression();
  if (at !== tokens.length) throw malformedQuery('unexpected token in WHERE clause');
  return predicate;
}
