import { SalesforceApiError } from './errors';
import { PhoneIndex } from './phone-index';
import type { SearchIndex } from './search-index';
import { rowMatchesPhone } from './phone-match';
import { runScopedQuery, type QueryContext } from './soql-query';
import type { Row } from './store';

/** SOSL: FIND {term} [IN … FIELDS] [RETURNING Object(fields [WHERE …] [ORDER BY …] [LIMIT n]), …] [LIMIT n]. */

const malformed = (message: string) => new SalesforceApiError(400, 'MALFORMED_SEARCH', message);
const SEARCHED_BY_DEFAULT = ['Account', 'Contact', 'Lead'];
const DEFAULT_LIMIT = 2000;

interface Returning {
  sobject: string;
  inner: string | undefined;
}

export interface ParsedSearch {
  terms: string[];
  scope: 'ALL' | 'NAME' | 'EMAIL' | 'PHONE' | 'SIDEBAR';
  returning: Returning[];
  limit: number;
}

/** Splits the braced term on unescaped OR outside quoted phrases, drops the quotes, resolves backslash escapes. */
function searchTerms(raw: string): string[] {
  const terms: Array<{ text: string; wildcards: number }> = [];
  let current = { text: '', wildcards: 0 };
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (c === '\\') {
      if (i + 1 >= raw.length) throw malformed('search term ends with an escape character');
      current.text += raw.charAt(++i);
    } else if (c === '"') quoted = !quoted;
    else if (quoted) current.text += c;
    else if (c === '(') depth++;
    else if (c === ')') {
      if (--depth < 0) throw malformed("unbalanced parentheses in search term: escape ')' with a backslash");
    } else if (c === '{') throw malformed("unexpected '{' in search term: escape it with a backslash");
    else if (/\s/.test(c) && /^OR\s/i.test(raw.slice(i + 1))) {
      terms.push(current);
      current = { text: '', wildcards: 0 };
      i += 3;
    } else {
      if (c === '*' || c === '?') current.wildcards++;
      current.text += c;
    }
  }
  if (depth !== 0) throw malformed("unbalanced parentheses in search term: escape '(' with a backslash");
  if (quoted) throw malformed("unbalanced quotes in search term: escape '\"' with a backslash");
  terms.push(current);
  const cleaned = terms.map((t) => ({ text: t.text.trim(), wildcards: t.wildcards })).filter((t) => t.text !== '');
  // Unescaped wildcards do not count towards the two characters a term needs.
  if (cleaned.length === 0 || cleaned.some((t) => t.text.length - t.wildcards < 2)) throw malformed('search term must be longer than one character');
  return cleaned.map((t) => t.text);
}

/** Reads one RETURNING list; parentheses inside quoted strings are honoured. */
function returningList(text: string): { items: Returning[]; rest: string } {
  const items: Returning[] = [];
  let at = 0;
  for (;;) {
    const name = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*/.exec(text.slice(at));
    if (!name) throw malformed('expected an object name after RETURNING');
    at += name[0].length;
    let inner: string | undefined;
    if (text.charAt(at) === '(') {
      let depth = 0;
      let quoted = false;
      const start = at + 1;
      for (; at < text.length; at++) {
        const c = text.charAt(at);
        if (c === '\\') at++;
        else if (c === "'") quoted = !quoted;
        else if (!quoted && c === '(') depth++;
        else if (!quoted && c === ')' && --depth === 0) break;
      }
      if (depth !== 0) throw malformed('unbalanced parentheses in RETURNING');
      inner = text.slice(start, at++).trim();
    }
    items.push({ sobject: name[1]!, inner });
    const comma = /^\s*,/.exec(text.slice(at));
    if (!comma) return { items, rest: text.slice(at) };
    at += comma[0].length;
  }
}

export function parseSosl(sosl: string): ParsedSearch {
  const find = /^\s*FIND\s+(?:\{((?:\\.|[^\\}])*)\}|'((?:\\.|[^\\'])*)')/is.exec(sosl);
  if (!find) throw malformed('expected FIND {search term}');
  const terms = searchTerms(find[1] ?? find[2] ?? '');
  let rest = sosl.slice(find[0].length);
  let scope: ParsedSearch['scope'] = 'ALL';
  const inFields = /^\s*IN\s+(ALL|NAME|EMAIL|PHONE|SIDEBAR)\s+FIELDS\b/i.exec(rest);
  if (inFields) {
    scope = inFields[1]!.toUpperCase() as ParsedSearch['scope'];
    rest = rest.slice(inFields[0].length);
  }
  let returning = SEARCHED_BY_DEFAULT.map((sobject) => ({ sobject, inner: undefined as string | undefined }));
  const returningKeyword = /^\s*RETURNING\s/i.exec(rest);
  if (returningKeyword) {
    const list = returningList(rest.slice(returningKeyword[0].length));
    returning = list.items;
    rest = list.rest;
  }
  let limit = DEFAULT_LIMIT;
  const limitClause = /^\s*LIMIT\s+(\d+)/i.exec(rest);
  if (limitClause) {
    limit = Math.min(Number(limitClause[1]), DEFAULT_LIMIT);
    rest = rest.slice(limitClause[0].length);
  }
  if (rest.trim() !== '') throw malformed(`unexpected text in search: ${rest.trim().slice(0, 40)}`);
  return { terms, scope, returning, limit };
}

function textMatches(row: Row, fields: string[], term: string): boolean {
  const needle = term.toLowerCase().replace(/\*/g, '');
  return fields.some((f) => typeof row[f] === 'string' && (row[f] as string).toLowerCase().includes(needle));
}

function matcher(sobject: string, search: ParsedSearch, phones: PhoneIndex): (row: Row) => boolean {
  if (search.scope === 'PHONE') {
    const ids = new Set(search.terms.flatMap((term) => [...phones.matching(sobject, term)]));
    return (row) => ids.has(String(row.Id));
  }
  return (row) =>
    search.terms.some((term) => {
      if (search.scope === 'NAME') return textMatches(row, ['Name', 'FirstName', 'LastName', 'Company'], term);
      if (search.scope === 'EMAIL')
        return textMatches(
          row,
          Object.keys(row).filter((k) => /email/i.test(k)),
          term,
        );
      return (
        rowMatchesPhone(sobject, row, term) ||
        textMatches(
          row,
          Object.keys(row).filter((k) => typeof row[k] === 'string' && !/Id$/.test(k)),
          term,
        )
      );
    });
}

export function runSearch(sosl: string, ctx: QueryContext, phones: PhoneIndex, index: SearchIndex): { searchRecords: Row[] } {
  const search = parseSosl(sosl);
  const searchRecords: Row[] = [];
  for (const item of search.returning) {
    const inner = item.inner ?? 'Id';
    const clause = /\s(WHERE|ORDER\s+BY|LIMIT|OFFSET)\s/i.exec(` ${inner} `);
    const fields = clause ? inner.slice(0, Math.max(0, clause.index - 1)).trim() : inner;
    const tail = clause ? inner.slice(clause.index - 1) : '';
    const sobject = ctx.store.sobjectName(item.sobject);
    const soql = `SELECT ${fields || 'Id'} FROM ${sobject} ${tail}`;
    let result;
    try {
      const matches = matcher(sobject, search, phones);
      result = runScopedQuery(soql, ctx, (row) => index.searchable(String(row.Id)) && matches(row));
    } catch (error) {
      if (error instanceof SalesforceApiError && error.errorCode === 'MALFORMED_QUERY') throw malformed(error.message);
      throw error;
    }
    searchRecords.push(...result.records);
  }
  return { searchRecords: searchRecords.slice(0, search.limit) };
}
