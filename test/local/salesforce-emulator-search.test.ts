import fc from 'fast-check';
import type { Connection } from 'jsforce';
import { soslTerm } from '../../functions/src/adapters/salesforce/soql';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../local/salesforce-emulator';
import { phonesMatch } from '../../local/salesforce-emulator/phone-match';
import { parseSosl } from '../../local/salesforce-emulator/sosl';
import { connectToEmulator } from '../../local/salesforce-emulator/test-client';

type Rec = Record<string, any>;

let sf: SalesforceEmulator;
let conn: Connection;
let ids: Record<'contact' | 'ext' | 'lead' | 'account' | 'person' | 'uk', string>;

/** SOSL reserved characters escaped with a backslash, as the adapters must send them. */
const escapeSosl = (term: string) => term.replace(/[?&|!{}[\]()^~*:\\"'+-]/g, '\\$&');
const RETURNING = 'RETURNING Contact(Id, Name, AccountId), Lead(Id, Name, Company), Account(Id, Name, IsPersonAccount)';
const find = async (term: string, tail = RETURNING) => (await conn.search(`FIND {${escapeSosl(term)}} IN PHONE FIELDS ${tail}`)).searchRecords as Rec[];

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty' });
  const [account = '', person = ''] = sf.insert('Account', [
    { Name: 'Acme Corp', Phone: '202.555.0100' },
    { IsPersonAccount: true, FirstName: 'Pat', LastName: 'Person', PersonMobilePhone: '+1 (303) 555-0177', PersonHomePhone: null },
  ]);
  const [contact = '', ext = '', uk = ''] = sf.insert('Contact', [
    { FirstName: 'Ada', LastName: 'Lane', AccountId: account, Phone: '(202) 555-0143', MobilePhone: null },
    { FirstName: 'Eve', LastName: 'Extension', AccountId: account, Phone: '202-555-0199 ext. 12', OtherPhone: '(415) 555-0101 x204' },
    { FirstName: 'Una', LastName: 'King', AssistantPhone: '+44 20 7946 0123' },
  ]);
  const [lead = ''] = sf.insert('Lead', [{ FirstName: 'Ada', LastName: 'Lane', Company: 'Lane Consulting', MobilePhone: '+1 202 555 0143' }]);
  ids = { contact, ext, lead, account, person, uk };
  conn = await connectToEmulator(sf.url);
});

afterAll(() => sf.stop());

describe('SOSL phone search through jsforce', () => {
  // Token matching (an assumption, see the emulator README): a term matches a whole stored number or one run of its digits.
  it.each([
    ['+12025550143', ['Lead']],
    ['1-202-555-0143', ['Lead']],
    ['(202) 555-0143', ['Contact']],
    ['202.555.0143', ['Contact']],
    ['2025550143', ['Contact']],
  ])('a single term %s finds only the numbers stored with the same digits: %j', async (term, types) => {
    expect((await find(term)).map((r) => r.attributes.type)).toEqual(types);
  });

  it('finds a Contact and a Lead sharing a number stored in two formats with the international digits OR the national number', async () => {
    const found = await find('12025550143 OR 2025550143');
    expect(found.map((r) => [r.attributes.type, r.Id])).toEqual([
      ['Contact', ids.contact],
      ['Lead', ids.lead],
    ]);
    expect(found[0]).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${ids.contact}` },
      Id: ids.contact,
      Name: 'Ada Lane',
      AccountId: ids.account,
    });
  });

  it.each([
    ['2025550199', 'ext'],
    ['4155550101', 'ext'],
    ['+13035550177', 'person'],
    ['+442079460123', 'uk'],
    ['2025550100', 'account'],
  ] as const)('ignores extensions and searches every phone field: %s', async (term, who) => {
    expect((await find(term)).map((r) => r.Id)).toEqual([ids[who]]);
  });

  it.each([['+12025550144'], ['5550143'], ['+442079460124']])('finds nothing for %s', async (term) => {
    expect(await find(term)).toEqual([]);
  });

  it('honours per-object WHERE and the overall LIMIT', async () => {
    expect((await find('+12025550143', 'RETURNING Lead(Id, Company WHERE IsConverted = false)')).map((r) => r.Company)).toEqual(['Lane Consulting']);
    expect(await find('+12025550143', "RETURNING Contact(Id WHERE Name = 'Nobody')")).toEqual([]);
    expect(await find('+12025550143', `${RETURNING} LIMIT 1`)).toHaveLength(1);
  });

  it('returns only Id when no fields are listed', async () => {
    expect(await find('2025550143', 'RETURNING Contact')).toEqual([{ attributes: expect.objectContaining({ type: 'Contact' }), Id: ids.contact }]);
  });

  it('reads backslash escapes inside the braces', async () => {
    const result = await conn.search(`FIND {\\(202\\) 555\\-0143} IN PHONE FIELDS RETURNING Contact(Id)`);
    expect(result.searchRecords.map((r: Rec) => r.Id)).toEqual([ids.contact]);
  });

  it.each([
    ['FIND {+12025550143 IN PHONE FIELDS'],
    ['FIND {202}555} IN PHONE FIELDS RETURNING Contact(Id)'],
    ['FIND {(202 555 0143} IN PHONE FIELDS RETURNING Contact(Id)'],
    ['FIND {2025550143} IN PHONE FIELDS RETURNING Contact(Id'],
    ['FIND {2025550143} IN PHONE FIELDS RETURNING Contact(Id) garbage'],
    ['SEARCH {2025550143}'],
  ])('rejects malformed SOSL: %s', async (sosl) => {
    await expect(conn.search(sosl)).rejects.toMatchObject({ errorCode: 'MALFORMED_SEARCH' });
  });

  it('rejects an unknown field in RETURNING', async () => {
    await expect(conn.search('FIND {2025550143} IN PHONE FIELDS RETURNING Contact(Id, Bogus__c)')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });
});

describe('parseSosl', () => {
  it('reads OR between terms, but not inside a quoted phrase', () => {
    expect(parseSosl('FIND {14155550123 OR 4155550123} IN PHONE FIELDS').terms).toEqual(['14155550123', '4155550123']);
    expect(parseSosl('FIND {"Salt OR Pepper" OR Acme} IN NAME FIELDS').terms).toEqual(['Salt OR Pepper', 'Acme']);
    expect(() => parseSosl('FIND {"unclosed} IN NAME FIELDS')).toThrow(/quotes/);
    expect(() => parseSosl('FIND {a*} IN NAME FIELDS')).toThrow(/longer than one character/);
    expect(parseSosl('FIND {\\*\\*} IN NAME FIELDS').terms).toEqual(['**']);
  });

  const reservedMix = fc
    .array(fc.constantFrom(...'?&|!{}[]()^~*:\\"\'+-'.split(''), ' ', 'OR', 'and', 'NOT', '202', 'ab'), { maxLength: 12 })
    .map((parts) => parts.join(''));

  it('accepts any term escaped by soslTerm and reads back its text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), reservedMix).filter((s) => /\S.*\S/.test(s) && !/[\u0000-\u001f\u007f]/.test(s)),
        (value) => {
          const parsed = parseSosl(`FIND {${soslTerm(value)}} IN PHONE FIELDS RETURNING Contact(Id)`);
          expect(parsed.terms).toEqual([value.trim()]);
        },
      ),
      { numRuns: 300, seed: 20261124 },
    );
  });
});

describe('phonesMatch', () => {
  it.each([
    ['(202) 555-0143', '+12025550143', false],
    ['+1 (202) 555-0143', '+12025550143', true],
    ['(202) 555-0143', '2025550143', true],
    ['+44 20 7946 0123', '7946', true],
    ['202-555-0143 ext. 12', '2025550143', true],
    ['+44 20 7946 0123', '+442079460123', true],
    ['555-0143', '+12025550143', false],
    ['(202) 555-0143', '+12025550134', false],
    ['', '+12025550143', false],
  ])('%s vs %s → %s', (stored, term, expected) => {
    expect(phonesMatch(stored, term)).toBe(expected);
  });
});
