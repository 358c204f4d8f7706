import { buildPhoneSearch, SalesforceCallerDirectory } from '../../../functions/src/adapters/salesforce/caller-directory';
import { connectSalesforce, type SalesforceConnection } from '../../../functions/src/adapters/salesforce/connection';
import { phoneSearchTerms } from '../../../functions/src/domain/routing/caller-match';
import { createTestCredentials, startSalesforceEmulator, type SalesforceEmulator } from '../../../local/salesforce-emulator';

/**
 * Search as an org behaves: records become searchable only after the index delay (pinned clock), numbers match
 * by whole tokens (not suffixes), Person Account fields exist only in orgs that have them.
 */
const T0 = Date.parse('2026-11-24T15:00:00Z');
const INDEX_DELAY_MS = 15 * 60_000;
const clock = { now: () => new Date(now) };
let now = T0;
let sf: SalesforceEmulator;
let conn: SalesforceConnection;

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty', personAccounts: false, searchIndexDelayMs: INDEX_DELAY_MS, clock: () => now });
  conn = await connectSalesforce(createTestCredentials(sf.url));
});
afterAll(() => sf.stop());

const directory = (onMisconfiguration: (m: string) => void = () => undefined, personAccounts = false) =>
  new SalesforceCallerDirectory(conn, clock, { defaultCountry: 'GB', personAccounts, onMisconfiguration });
const create = (sobject: string, fields: Record<string, unknown>) =>
  conn.request<{ id: string }>({ method: 'POST', url: `/sobjects/${sobject}`, body: JSON.stringify(fields) });

describe('the search index', () => {
  it('does not find a just-written Contact until the index delay has passed', async () => {
    const { id } = await create('Contact', { LastName: 'Fresh', Phone: '+44 20 7946 0011' });

    await expect(directory().findCaller('+442079460011')).resolves.toMatchObject({ known: false });
    now += INDEX_DELAY_MS - 1;
    await expect(directory().findCaller('+442079460011')).resolves.toMatchObject({ known: false });
    now += 1;
    await expect(directory().findCaller('+442079460011')).resolves.toMatchObject({ known: true, record: { id, type: 'Contact' } });
  });
});

describe('phone tokens', () => {
  it('matches a whole token, not a suffix', async () => {
    sf.insert('Contact', [{ LastName: 'Suffix', Phone: '+1 415 555 0100' }]);
    const found = (term: string) => conn.search<{ Id: string }>(buildPhoneSearch([term], false));

    expect(await found('14155550100')).toHaveLength(1);
    expect(await found('4155550100')).toHaveLength(0);
  });

  it('searches the national format with its trunk prefix, so a number stored as 020 7946 0958 is found', async () => {
    const [id] = sf.insert('Contact', [{ LastName: 'Trunk', Phone: '020 7946 0958' }]);

    expect(phoneSearchTerms('+442079460958')).toEqual(['442079460958', '2079460958', '02079460958', '4402079460958']);
    await expect(directory().findCaller('+442079460958')).resolves.toMatchObject({ known: true, record: { id } });
  });
});

describe('Person Accounts', () => {
  it('are unknown fields in an org without them (INVALID_FIELD)', async () => {
    await expect(conn.search(buildPhoneSearch(['442079460958'], true))).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('switched on for an org without them: reported once as a misconfiguration, and callers are still found', async () => {
    const [id] = sf.insert('Account', [{ Name: 'Acme', Phone: '+44 20 7946 0777' }]);
    const reports: string[] = [];
    const misconfigured = directory((m) => void reports.push(m), true);

    await expect(misconfigured.findCaller('+442079460777')).resolves.toMatchObject({ known: true, record: { id, type: 'Account' } });
    sf.resetCounters();
    await expect(misconfigured.findCaller('+442079460777')).resolves.toMatchObject({ known: true });

    expect(reports).toEqual([expect.stringMatching(/SALESFORCE_PERSON_ACCOUNTS is true but the org has no Person Accounts/)]);
    expect(sf.requestLog().filter((r) => r.path.endsWith('/search'))).toHaveLength(1);
    expect(sf.requestLog().filter((r) => r.path.endsWith('/describe'))).toHaveLength(0);
  });
});
