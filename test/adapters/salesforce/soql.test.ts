import { parseQuery } from '@jetstreamapp/soql-parser-js';
import fc from 'fast-check';
import { soqlInList, soqlString, soslTerm } from '../../../functions/src/adapters/salesforce/soql';

/** Reads a SOQL string literal back, as Salesforce does. */
function unescapeSoql(literal: string): string {
  const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };
  return literal.slice(1, -1).replace(/\\(.)/gs, (_, c: string) => map[c] ?? `\\${c}`);
}

/** The parser's WHERE chain: a condition, then an operator and the rest. */
interface Where {
  left?: { field?: string; operator?: string; literalType?: string; value?: string | string[] } | null;
  operator?: string;
  right?: Where;
}

/** The WHERE clause the real SOQL parser sees when a value is compared with Name. */
function whereOf(value: string): Where | undefined {
  return parseQuery(`SELECT Id FROM Contact WHERE Name = ${soqlString(value)} AND IsDeleted = false`).where as Where | undefined;
}

const INJECTIONS = [
  "'} OR Name LIKE '%",
  "\\' OR 1=1",
  "' OR Id != null OR Name = '",
  "x') OR (Name = 'y",
  "'; DELETE FROM Contact; --",
  '\\',
  "O'Brien\\",
  "\\\\' OR ''='",
  'line\nbreak\r\t\b\f"quote"',
];

describe('soqlString', () => {
  it.each([
    ["O'Brien", "'O\\'Brien'"],
    ['back\\slash', "'back\\\\slash'"],
    ['say "hi"', '\'say \\"hi\\"\''],
    ['a\nb\rc\td\be\ff', "'a\\nb\\rc\\td\\be\\ff'"],
    ['', "''"],
    ['nul\u0000bell\u0007', "'nulbell'"],
  ])('escapes %j as %s', (value, expected) => {
    expect(soqlString(value)).toBe(expected);
  });

  it.each(INJECTIONS)('keeps %j one string literal (the real parser sees one Name condition)', (value) => {
    const where = whereOf(value);
    expect(where?.left).toMatchObject({ field: 'Name', operator: '=', literalType: 'STRING' });
    expect(where?.operator).toBe('AND');
    expect(where?.right?.left).toMatchObject({ field: 'IsDeleted' });
    expect(where?.right?.right).toBeUndefined();
    expect(unescapeSoql((where?.left as { value: string }).value)).toBe(value);
  });

  it('round-trips any printable string through the parser', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '"', '\\', '\n', '\t', '%', '_', ' ', 'a', 'O', 'R', '=', '(', ')', '{', '}') }), (value) => {
        const where = whereOf(value);
        expect(where?.right?.right).toBeUndefined();
        expect(unescapeSoql((where?.left as { value: string }).value)).toBe(value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('soqlInList', () => {
  it('quotes and escapes every value once', () => {
    expect(soqlInList(["a'b", 'c', 'c'])).toBe("('a\\'b', 'c')");
  });

  it('refuses an empty list (SOQL cannot express it)', () => {
    expect(() => soqlInList([])).toThrow(RangeError);
  });

  it('stays one IN condition under injection', () => {
    const where = parseQuery(`SELECT Id FROM Task WHERE CallObject IN ${soqlInList(INJECTIONS)}`).where as Where | undefined;
    expect(where?.left).toMatchObject({ field: 'CallObject', operator: 'IN' });
    expect(where?.right).toBeUndefined();
    expect((where?.left as { value: string[] }).value.map(unescapeSoql)).toEqual(INJECTIONS);
  });
});

describe('soslTerm', () => {
  it.each([
    ['4155550123', '4155550123'],
    ['{}*?', '\\{\\}\\*\\?'],
    ['} RETURNING User(Id', '\\} RETURNING User\\(Id'],
    ['a&b|c!d^e~f:g', 'a\\&b\\|c\\!d\\^e\\~f\\:g'],
    ['[x]"y\'z+1-2\\', '\\[x\\]\\"y\\\'z\\+1\\-2\\\\'],
    ['+1 (415) 555-0123', '\\+1 \\(415\\) 555\\-0123'],
    ['a OR b', '"a OR b"'],
    ['x and not y', '"x and not y"'],
    ['tab\there\nnewline', 'tab here newline'],
  ])('escapes %j as %s', (value, expected) => {
    expect(soslTerm(value)).toBe(expected);
  });

  it('leaves no reserved character unescaped', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const term = soslTerm(value);
        // Remove escaped pairs; what is left must hold no reserved character.
        const rest = term.replace(/\\[\s\S]/g, '').replace(/^"|"$/g, '');
        expect(rest).not.toMatch(/[?&|!{}[\]()^~*:\\"'+-]/);
      }),
      { numRuns: 500 },
    );
  });
});
