/**
 * Escaping for every value that enters a SOQL or SOSL statement. Callwise never concatenates a raw value
 * into a query: string literals go through `soqlString`, search terms through `soslTerm`.
 */

/** Characters with an escape sequence in a SOQL string literal (backslash first, so it is not doubled twice). */
const SOQL_ESCAPES: ReadonlyArray<[RegExp, string]> = [
  [/\\/g, '\\\\'],
  [/'/g, "\\'"],
  [/"/g, '\\"'],
  [/\n/g, '\\n'],
  [/\r/g, '\\r'],
  [/\t/g, '\\t'],
  // eslint-disable-next-line no-control-regex -- the backspace SOQL escapes as \b
  [/\u0008/g, '\\b'],
  [/\f/g, '\\f'],
];

/** Other control characters have no SOQL escape and no business in a query value. */
// eslint-disable-next-line no-control-regex
const OTHER_CONTROL = /[\u0000-\u0007\u000b\u000e-\u001f\u007f]/g;

/** A quoted SOQL string literal: `soqlString("O'Brien")` → `'O\'Brien'`. */
export function soqlString(value: string): string {
  let escaped = String(value).replace(OTHER_CONTROL, '');
  for (const [pattern, replacement] of SOQL_ESCAPES) escaped = escaped.replace(pattern, replacement);
  return `'${escaped}'`;
}

/** A SOQL IN list of string literals: `('a', 'b')`; an empty list cannot be expressed, so it is an error. */
export function soqlInList(values: readonly string[]): string {
  if (values.length === 0) throw new RangeError('A SOQL IN list needs at least one value: skip the query instead');
  return `(${[...new Set(values)].map(soqlString).join(', ')})`;
}

/** SOSL reserved characters, escaped with a backslash inside `FIND {…}`. */
const SOSL_RESERVED = /[?&|!{}[\]()^~*:\\"'+-]/g;
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f]+/g;

/**
 * A SOSL search term for `FIND {…}`: every reserved character is backslash-escaped and control characters
 * become spaces. A term holding an operator word (AND, OR, NOT) becomes a quoted phrase, so the word is
 * searched for rather than obeyed.
 */
export function soslTerm(value: string): string {
  const escaped = String(value)
    .replace(ANY_CONTROL, ' ')
    .replace(SOSL_RESERVED, (c) => `\\${c}`)
    .trim();
  return /\b(?:AND|OR|NOT)\b/i.test(escaped) ? `"${escaped}"` : escaped;
}
