import { matchCaller, phoneSearchTerms, samePhone, stripExtension, type PhoneMatchRow } from '../../../functions/src/domain/routing/caller-match';

const CALLER = '+14155550123';
const OTHER = '(415) 555-0199';

let seq = 0;
function row(type: PhoneMatchRow['type'], extra: Partial<PhoneMatchRow> = {}): PhoneMatchRow {
  seq++;
  return {
    type,
    id: `${type}-${seq}`,
    name: `${type} ${seq}`,
    ownerId: '005Dm000000001AAA',
    lastModified: '2026-11-01T10:00:00.000Z',
    phones: ['(415) 555-0123'],
    ...extra,
  };
}
const contact = (extra: Partial<PhoneMatchRow> = {}) => row('Contact', { accountId: '001ACME', ...extra });
const orphan = (extra: Partial<PhoneMatchRow> = {}) => row('Contact', { accountId: null, ...extra });
const account = (extra: Partial<PhoneMatchRow> = {}) => row('Account', extra);
const person = (extra: Partial<PhoneMatchRow> = {}) => row('Account', { isPersonAccount: true, ...extra });
const lead = (extra: Partial<PhoneMatchRow> = {}) => row('Lead', { isConverted: false, ...extra });

describe('samePhone: a stored phone is the caller only when it normalises to the same E.164', () => {
  it.each([
    ['(415) 555-0123', true],
    ['415.555.0123', true],
    ['+1 415-555-0123', true],
    ['1 (415) 555 0123', true],
    ['4155550123 x204', true],
    ['415-555-0123x12', true],
    ['(415) 555-0123 ext. 9', true],
    ['415-555-0123#12', true],
    ['+1 415 555 0123;ext=2', true],
    ['(415) 555-0123, 44', true],
    ['(415) 555-01234', false],
    ['555-0123', false],
    ['+44 415 555 0123', false],
    ['(415) 555-0124', false],
    ['', false],
    [null, false],
  ])('%j → %s', (stored, expected) => {
    expect(samePhone(stored, CALLER, 'US')).toBe(expected);
  });

  it.each([
    ['+44 20 7946 0958', 'US', true],
    ['+44 (0)20 7946 0958', 'US', true],
    ['020 7946 0958', 'GB', true],
    ['020 7946 0958', 'US', false],
    ['0044 20 7946 0958 ext 5', 'GB', true],
  ])('international %j in a %s org → %s', (stored, country, expected) => {
    expect(samePhone(stored, '+442079460958', country)).toBe(expected);
  });

  it.each([
    ['(415) 555-0123 x204', '(415) 555-0123'],
    ['415-555-0123 extension 7', '415-555-0123'],
    ['415-555-0123', '415-555-0123'],
  ])('stripExtension(%j) = %j', (raw, expected) => {
    expect(stripExtension(raw)).toBe(expected);
  });
});

describe('phoneSearchTerms: international digits, national significant number and the trunk-prefixed formats, or null for anything that is not E.164', () => {
  it.each([
    ['+14155550123', ['14155550123', '4155550123']],
    ['+442079460958', ['442079460958', '2079460958', '02079460958', '4402079460958']],
    ['+61491570112', ['61491570112', '491570112', '0491570112', '610491570112']],
    ['+390612345678', ['390612345678', '0612345678']],
    ['4155550123', null],
    ['+1415555012', null],
    ["'} OR Name LIKE '%", null],
    ['+1{415}*?', null],
    ['', null],
  ])('%j → %j', (e164, expected) => {
    expect(phoneSearchTerms(e164)).toEqual(expected);
  });
});

describe('matchCaller: the documented best-match rule', () => {
  const c1 = contact({ name: 'Ada Contact' });
  const pa = person({ name: 'Pat Person' });
  const o1 = orphan({ name: 'Orphan' });
  const a1 = account({ name: 'Acme HQ' });
  const l1 = lead({ name: 'Lee Lead' });

  it.each<[string, PhoneMatchRow[], string | undefined, string, number]>([
    ['Contact on an Account beats a Lead', [l1, c1], c1.id, 'Contact', 2],
    ['Contact on an Account beats a Person Account', [pa, c1], c1.id, 'Contact', 2],
    ['Person Account beats a Contact without account', [o1, pa], pa.id, 'PersonAccount', 2],
    ['Contact without account beats a business Account', [a1, o1], o1.id, 'Contact', 2],
    ['business Account beats a Lead', [l1, a1], a1.id, 'Account', 2],
    ['a Lead alone is the caller', [l1], l1.id, 'Lead', 1],
    ['all five kinds: the Contact on an Account', [l1, a1, o1, pa, c1], c1.id, 'Contact', 5],
  ])('%s', (_, rows, id, type, count) => {
    const match = matchCaller(rows, CALLER, 'US');
    expect(match?.best).toMatchObject({ id, type });
    expect(match?.matchCount).toBe(count);
  });

  it.each<[string, PhoneMatchRow[]]>([
    ['no rows', []],
    [
      'only over-matches (SOSL found the digits inside other numbers)',
      [contact({ phones: ['(415) 555-01234', '14155550123 9'] }), lead({ phones: ['1-415-555-0123-7'] })],
    ],
    ['only a converted Lead', [lead({ isConverted: true })]],
  ])('no caller from %s', (_, rows) => {
    expect(matchCaller(rows, CALLER, 'US')).toBeUndefined();
  });

  it('counts only exact matches, on any phone field', () => {
    const mobileOnly = contact({ phones: [OTHER, null, '415 555 0123 ext 12'] });
    const overMatch = contact({ phones: ['(415) 555-01239'] });
    const match = matchCaller([overMatch, mobileOnly], CALLER, 'US');
    expect(match).toEqual({ best: expect.objectContaining({ id: mobileOnly.id }), matchCount: 1 });
  });

  it('breaks ties by the most recently modified record, then by the lowest Id', () => {
    const older = contact({ id: '003A', lastModified: '2026-10-01T00:00:00.000Z' });
    const newer = contact({ id: '003Z', lastModified: '2026-11-20T00:00:00.000Z' });
    const sameTime = contact({ id: '003B', lastModified: '2026-11-20T00:00:00.000Z' });
    expect(matchCaller([older, newer], CALLER, 'US')?.best.id).toBe('003Z');
    expect(matchCaller([newer, sameTime], CALLER, 'US')?.best.id).toBe('003B');
    expect(matchCaller([sameTime, newer], CALLER, 'US')?.best.id).toBe('003B');
  });

  it('counts a Person Account found as its Account and as its person Contact once, named by the Account', () => {
    const acc = person({ id: '001P', name: 'Pat Person', phones: [null, '(415) 555-0123'] });
    const personContact = contact({
      id: '003P',
      accountId: '001P',
      isPersonAccount: true,
      name: 'Pat Person (contact)',
      lastModified: '2026-11-25T00:00:00.000Z',
    });
    for (const rows of [
      [acc, personContact],
      [personContact, acc],
    ]) {
      const match = matchCaller(rows, CALLER, 'US');
      expect(match).toEqual({
        best: { id: '001P', type: 'PersonAccount', name: 'Pat Person', ownerId: acc.ownerId, accountId: '001P', lastModified: '2026-11-25T00:00:00.000Z' },
        matchCount: 1,
      });
    }
  });

  it('gives the Account to load context from', () => {
    expect(matchCaller([contact({ accountId: '001X' })], CALLER, 'US')?.best.accountId).toBe('001X');
    expect(matchCaller([account({ id: '001Y' })], CALLER, 'US')?.best.accountId).toBe('001Y');
    expect(matchCaller([orphan()], CALLER, 'US')?.best.accountId).toBe('');
    expect(matchCaller([lead()], CALLER, 'US')?.best.accountId).toBe('');
  });
});
