import { parsePhoneNumberFromString } from 'libphonenumber-js';
import defaultPolicy from '../../config/default-policy.json';
import { buildDemoOrg, demoPhoneBook, demoUnknownNumbers, DEMO_USER_IDS, type DemoOrg } from '../../local/demo-org';

const org = buildDemoOrg({ seed: 42, today: '2026-11-24' });
const book = demoPhoneBook(org);
const rows = (sobject: string) => org[sobject] ?? [];
const allPhones = (o: DemoOrg) =>
  [...(o.Contact ?? []), ...(o.Lead ?? []), ...(o.Account ?? [])].flatMap((r) =>
    Object.entries(r)
      .filter(([k, v]) => /Phone$/.test(k) && typeof v === 'string')
      .map(([, v]) => v as string),
  );

describe('buildDemoOrg', () => {
  it.each([
    ['Account', 300],
    ['Contact', 1000],
    ['Lead', 200],
    ['Case', 100],
    ['Opportunity', 100],
  ])('has at least the planned %s records (≥ %i)', (sobject, minimum) => {
    expect(rows(sobject).length).toBeGreaterThanOrEqual(minimum);
  });

  it('is deterministic for a seed and day, and differs for another seed', () => {
    expect(buildDemoOrg({ seed: 42, today: '2026-11-24' })).toEqual(org);
    expect(buildDemoOrg({ seed: 43, today: '2026-11-24' }).Contact).not.toEqual(org.Contact);
  });

  it('dates records relative to today', () => {
    const later = buildDemoOrg({ seed: 42, today: '2027-01-24' });
    const shift = Date.parse('2027-01-24') - Date.parse('2026-11-24');
    const first = (o: DemoOrg) => Date.parse(String(o.Case![0]!.CreatedDate).replace('+0000', 'Z'));
    expect(first(later) - first(org)).toBe(shift);
    expect(
      rows('Opportunity')
        .filter((o) => !o.IsClosed)
        .every((o) => String(o.CloseDate) >= '2026-11-24'),
    ).toBe(true);
    expect(
      rows('Opportunity')
        .filter((o) => o.IsClosed)
        .every((o) => String(o.CloseDate) < '2026-11-24'),
    ).toBe(true);
  });

  it('has the 20 shared demo users, each owning records', () => {
    expect(rows('User').map((u) => u.Id)).toEqual(DEMO_USER_IDS);
    expect(DEMO_USER_IDS[0]).toBe('005Dm0000000001AAA');
    expect(DEMO_USER_IDS[19]).toBe('005Dm0000000020AAA');
    const agents = new Set(defaultPolicy.agents.map((a) => a.salesforceUserId));
    expect(DEMO_USER_IDS.every((id) => agents.has(id))).toBe(true);
    const owners = new Set(rows('Account').map((a) => a.OwnerId));
    expect(DEMO_USER_IDS.filter((id) => owners.has(id)).length).toBeGreaterThanOrEqual(18);
  });

  it('has about 30 person accounts with personal numbers and the package fields on every account', () => {
    const persons = rows('Account').filter((a) => a.IsPersonAccount === true);
    expect(persons.length).toBe(30);
    expect(persons.every((p) => p.FirstName && p.LastName && String(p.PersonContactId).startsWith('003'))).toBe(true);
    expect(persons.filter((p) => p.PersonMobilePhone || p.PersonHomePhone).length).toBeGreaterThan(20);
    const tiers = new Set(rows('Account').map((a) => a.Callwise_Tier__c ?? ''));
    expect([...tiers].sort()).toEqual(['', 'Bronze', 'Gold', 'Platinum', 'Silver']);
    const overdue = rows('Account').filter((a) => a.Callwise_Overdue_Invoice__c === true).length / rows('Account').length;
    expect(overdue).toBeGreaterThan(0.01);
    expect(overdue).toBeLessThan(0.1);
  });

  it('covers every standard opportunity stage, renewals, and open and closed cases', () => {
    expect(new Set(rows('Opportunity').map((o) => o.StageName)).size).toBe(10);
    expect(rows('Opportunity').some((o) => o.Type === 'Renewal' && !o.IsClosed)).toBe(true);
    expect(rows('Case').some((c) => c.IsClosed) && rows('Case').some((c) => !c.IsClosed)).toBe(true);
    expect(rows('Lead').some((l) => l.IsConverted) && rows('Lead').some((l) => !l.IsConverted)).toBe(true);
  });

  it.each([
    ['(NXX) NXX-XXXX', /^\(\d{3}\) \d{3}-\d{4}$/],
    ['+1 NXX NXX XXXX', /^\+1 \d{3} \d{3} \d{4}$/],
    ['NXX.NXX.XXXX', /^\d{3}\.\d{3}\.\d{4}$/],
    ['an extension', /(ext\.?|x)\s?\d+$/],
    ['UK numbers', /^\+44/],
    ['German numbers', /^\+49/],
    ['Australian numbers', /^\+61/],
  ])('stores phones written as %s', (_label, pattern) => {
    expect(allPhones(org).some((p) => pattern.test(p))).toBe(true);
  });

  it('leaves some contacts without any phone', () => {
    expect(rows('Contact').some((c) => !c.Phone && !c.MobilePhone && !c.HomePhone && !c.OtherPhone)).toBe(true);
  });
});

describe('demoPhoneBook', () => {
  it('lists E.164 numbers that libphonenumber reads the same way, one entry per record and number', () => {
    expect(book.length).toBeGreaterThan(1500);
    expect(book.every((e) => /^\+[1-9]\d{7,14}$/.test(e.phoneE164) && parsePhoneNumberFromString(e.phoneE164)?.number === e.phoneE164)).toBe(true);
    expect(new Set(book.map((e) => `${e.recordId}|${e.phoneE164}`)).size).toBe(book.length);
  });

  it('has at least 20 numbers shared by a Contact and a Lead', () => {
    const types = new Map<string, Set<string>>();
    for (const e of book) types.set(e.phoneE164, (types.get(e.phoneE164) ?? new Set()).add(e.type));
    expect([...types.values()].filter((t) => t.has('Contact') && t.has('Lead')).length).toBeGreaterThanOrEqual(20);
  });

  it('gives each entry its account: the contact’s account, the account itself, none for leads', () => {
    const contacts = new Map(rows('Contact').map((c) => [c.Id, c.AccountId]));
    for (const e of book) {
      if (e.type === 'Contact') expect(e.accountId).toBe(contacts.get(e.recordId));
      if (e.type === 'Account' || e.type === 'PersonAccount') expect(e.accountId).toBe(e.recordId);
      if (e.type === 'Lead') expect(e.accountId).toBe('');
    }
    expect(new Set(book.map((e) => e.type))).toEqual(new Set(['Contact', 'Lead', 'Account', 'PersonAccount']));
  });
});

describe('demoUnknownNumbers', () => {
  it('gives distinct valid numbers that no record holds, for any seed', () => {
    const unknown = demoUnknownNumbers(50);
    expect(new Set(unknown).size).toBe(50);
    expect(unknown.every((n) => parsePhoneNumberFromString(n)?.isValid())).toBe(true);
    const known = new Set([...book, ...demoPhoneBook(buildDemoOrg({ seed: 7 }))].map((e) => e.phoneE164));
    expect(unknown.filter((n) => known.has(n))).toEqual([]);
  });
});
