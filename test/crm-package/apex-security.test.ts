import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the package's Apex must hold to, read from its source (no org here to run it): every class runs `with
 * sharing`, every query runs in user mode (WITH USER_MODE, or AccessLevel.USER_MODE for dynamic SOQL), and no
 * exception's own text reaches a component: getMessage() of an exception appears only in a System.debug call
 * (the debug log, for an admin), and only AuraErrors makes the AuraHandledException a component shows.
 */
const CLASSES = join(__dirname, '../../crm-package/force-app/main/default/classes');
const isTest = (name: string) => /_Tests\.cls$|^TestFactory\.cls$/.test(name);
const classes = readdirSync(CLASSES)
  .filter((f) => f.endsWith('.cls') && !isTest(f))
  .map((f) => [f, readFileSync(join(CLASSES, f), 'utf8')] as const);

/** Apex without comments and with string literals emptied (one pass, so a quote in a comment or // in a string is no trouble). */
function code(apex: string): string {
  let out = '';
  for (let i = 0; i < apex.length; i++) {
    const two = apex.slice(i, i + 2);
    if (two === '//' || two === '/*') {
      const end = two === '//' ? apex.indexOf('\n', i) : apex.indexOf('*/', i + 2);
      i = end < 0 ? apex.length : two === '//' ? end - 1 : end + 1;
      out += ' ';
    } else if (apex[i] === "'") {
      for (i++; i < apex.length && apex[i] !== "'"; i++) if (apex[i] === '\\') i++;
      out += "''";
    } else out += apex[i];
  }
  return out;
}

/** The text of each call `name(...)` in the code, its parentheses balanced. */
function calls(source: string, name: RegExp): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(new RegExp(`${name.source}\\s*\\(`, 'g'))) {
    let depth = 0;
    let end = match.index! + match[0].length - 1;
    for (; end < source.length; end++) {
      if (source[end] === '(') depth++;
      if (source[end] === ')' && --depth === 0) break;
    }
    found.push(source.slice(match.index!, end + 1));
  }
  return found;
}

/** Where an exception's getMessage() could reach a component: every getMessage() outside a System.debug call. */
function leakedMessages(apex: string): number {
  const source = code(apex);
  const all = (source.match(/\.getMessage\s*\(\s*\)/g) ?? []).length;
  const logged = calls(source, /System\.debug/).reduce((n, call) => n + (call.match(/\.getMessage\s*\(\s*\)/g) ?? []).length, 0);
  return all - logged;
}

describe('Apex security rules', () => {
  it.each(classes)('%s runs with sharing', (_name, apex) => {
    const declarations = [...code(apex).matchAll(/\b(?:public|global|private)?\s*((?:with|without|inherited)\s+sharing\s+)?(?:virtual\s+|abstract\s+)?class\s+\w+/gi)];
    expect(declarations[0]?.[1]?.trim()).toBe('with sharing');
  });

  it.each(classes)('%s queries in user mode only', (_name, apex) => {
    const source = code(apex);
    const staticQueries = [...source.matchAll(/\[\s*SELECT\b[\s\S]*?\]/gi)].map((m) => m[0]);
    const dynamicQueries = calls(source, /Database\.(?:query|queryWithBinds|countQuery|getQueryLocator)/);
    expect(staticQueries.filter((q) => !/WITH\s+USER_MODE/i.test(q))).toEqual([]);
    expect(dynamicQueries.filter((q) => !/AccessLevel\.USER_MODE/.test(q))).toEqual([]);
  });

  it.each(classes)('%s lets no exception text reach a component', (name, apex) => {
    expect(leakedMessages(apex)).toBe(0);
    if (name !== 'AuraErrors.cls') expect(code(apex)).not.toMatch(/new\s+AuraHandledException/);
  });

  it.each([
    ['a message built from the exception', "throw AuraErrors.of('QUERY_FAILED', 'The calls could not be read: ' + error.getMessage());", 1],
    ['an exception made from it', 'throw new AuraHandledException(e.getMessage());', 1],
    ['a message kept for later', 'String text = e.getMessage(); System.debug(LoggingLevel.WARN, text);', 1],
    ['only the debug log', "System.debug(LoggingLevel.WARN, 'failed: ' + String.valueOf(e.getTypeName()) + e.getMessage());", 0],
    ['a comment that mentions it', '// never e.getMessage() here\n/* nor e.getMessage() */', 0],
    ['a string that mentions it', "System.debug('see e.getMessage() // not code'); throw new AuraHandledException(x.getMessage());", 1],
  ])('tells %s', (_case, apex, leaks) => {
    expect(leakedMessages(apex)).toBe(leaks);
  });
});
