import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCallerDirectory, READY_RECHECK_MS } from '../../../functions/src/adapters/dynamodb/caller-directory';
import { DynamoDbDirectoryStore } from '../../../functions/src/adapters/dynamodb/directory-store';
import { DirectoryRecordError } from '../../../functions/src/domain/directory/directory-records';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../local/dynamodb';
import { JVM_START, JVM_START_TEST_TIMEOUT, ManualClock } from './support';

/** Ids and numbers are unique per test (`n`), so tests share one table without seeing each other. */
let n = 0;
const id = (prefix: string) => `${prefix}Dm0000${String(++n).padStart(5, '0')}AAA`;
const num = () => `+1202555${String(2000 + ++n)}`;
const national = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

describe('caller directory (DynamoDB Local)', () => {
  let db: DynamoDbLocal;
  let store: DynamoDbDirectoryStore;
  let directory: DynamoDbCallerDirectory;
  const clock = new ManualClock('2026-12-02T09:00:00.000Z');

  beforeAll(async () => {
    db = await startDynamoDbLocal({ tablePrefix: 'directory-', ...JVM_START });
    store = new DynamoDbDirectoryStore(db.doc, db.tableNames.CallerDirectory, 'US');
    directory = new DynamoDbCallerDirectory(db.doc, db.tableNames.CallerDirectory, clock);
  }, JVM_START_TEST_TIMEOUT);
  afterAll(async () => db?.stop());

  const account = (accountId: string, phone: string, extra: Record<string, unknown> = {}) => ({
    Id: accountId,
    Name: 'Example Ltd',
    OwnerId: '005Dm0000000001AAA',
    Type: 'Customer',
    AnnualRevenue: '2500000',
    Callwise_Tier__c: 'Gold',
    Callwise_Overdue_Invoice__c: 'false',
    Phone: phone,
    LastModifiedDate: '2026-11-01T10:00:00.000+0000',
    ...extra,
  });
  const contact = (contactId: string, accountId: string, phones: Record<string, string>, modified = '2026-11-02T10:00:00.000+0000') => ({
    Id: contactId,
    Name: 'Ada Example',
    OwnerId: '005Dm0000000002AAA',
    AccountId: accountId,
    LastModifiedDate: modified,
    ...phones,
  });

  it('answers "not ready" until the load marks the directory ready', async () => {
    await store.updateMeta({ ready: false });
    expect(await directory.lookup(num())).toEqual({ ready: false });
    await store.updateMeta({ ready: true, readyAt: '2026-12-02T08:00:00.000Z' });
    const unknown = await directory.lookup(num());
    expect(unknown).toMatchObject({ ready: true, profile: { known: false, matchCount: 0 } });
  });

  it('reads the ready flag again only a minute after it last saw it', async () => {
    const own = new DynamoDbCallerDirectory(db.doc, db.tableNames.CallerDirectory, clock);
    await store.updateMeta({ ready: true });
    expect(await own.lookup(num())).toMatchObject({ ready: true });
    // No load clears the flag; an operator emptying the table does. Within the minute the container does not look.
    await store.updateMeta({ ready: false });
    clock.advance(READY_RECHECK_MS - 1);
    expect(await own.lookup(num())).toMatchObject({ ready: true });
    clock.advance(1);
    expect(await own.lookup(num())).toEqual({ ready: false });
    await store.updateMeta({ ready: true });
  });

  it('finds a Contact by any of its numbers, in any stored format, with its Account, open Cases and Opportunities', async () => {
    const [acc, con, mobile, office] = [id('001'), id('003'), num(), num()];
    await store.apply('Account', account(acc, num()), 1000);
    await store.apply('Contact', contact(con, acc, { MobilePhone: mobile, Phone: `${national(office)} ext. 12` }), 1000);
    await store.apply(
      'Case',
      { Id: id('500'), AccountId: acc, ContactId: con, IsClosed: 'false', Subject: 'Older case', Priority: 'Low', CreatedDate: '2026-11-20T10:00:00.000+0000' },
      1000,
    );
    const latestCase = id('500');
    await store.apply(
      'Case',
      {
        Id: latestCase,
        AccountId: acc,
        ContactId: con,
        IsClosed: 'false',
        Subject: 'Invoice wrong',
        Priority: 'High',
        CreatedDate: '2026-11-25T10:00:00.000+0000',
      },
      1000,
    );
    await store.apply(
      'Opportunity',
      {
        Id: id('006'),
        Name: 'Renewal',
        AccountId: acc,
        IsClosed: 'false',
        StageName: 'Negotiation',
        Amount: '42000',
        CloseDate: '2026-12-20',
        Type: 'Renewal',
      },
      1000,
    );
    await store.updateMeta({ ready: true });

    for (const number of [mobile, office]) {
      const found = await directory.lookup(number);
      expect(found).toMatchObject({
        ready: true,
        profile: {
          known: true,
          matchCount: 1,
          record: { id: con, type: 'Contact', name: 'Ada Example', ownerId: '005Dm0000000002AAA' },
          account: {
            id: acc,
            name: 'Example Ltd',
            tier: 'Gold',
            annualRevenue: 2_500_000,
            type: 'Customer',
            ownerId: '005Dm0000000001AAA',
            overdueInvoice: false,
          },
          openCases: { count: 2, latestId: latestCase, latestSubject: 'Invoice wrong', latestPriority: 'High' },
          openOpportunities: [{ name: 'Renewal', stageName: 'Negotiation', amount: 42_000, closeDate: '2026-12-20', type: 'Renewal' }],
          recentCalls: [],
        },
      });
    }
  });

  it('prefers a Contact on an Account to the Account that shares its number, and counts both', async () => {
    const [acc, con, shared] = [id('001'), id('003'), num()];
    await store.apply('Account', account(acc, shared), 1000);
    await store.apply('Contact', contact(con, acc, { Phone: shared }), 1000);
    const found = await directory.lookup(shared);
    expect(found).toMatchObject({ profile: { record: { id: con, type: 'Contact' }, matchCount: 2 } });
  });

  it('moves a record to its new number when the phone changes, and ignores the older version delivered late', async () => {
    const [acc, con, before, after] = [id('001'), id('003'), num(), num()];
    await store.apply('Account', account(acc, num()), 1000);
    expect(await store.apply('Contact', contact(con, acc, { Phone: before }), 2000)).toBe('applied');
    expect(await store.apply('Contact', contact(con, acc, { Phone: after }), 3000)).toBe('applied');
    expect(await store.apply('Contact', contact(con, acc, { Phone: before }), 2000)).toBe('stale');

    expect(await directory.lookup(before)).toMatchObject({ profile: { known: false } });
    expect(await directory.lookup(after)).toMatchObject({ profile: { known: true, record: { id: con } } });
    const gone = await db.doc.send(new GetCommand({ TableName: db.tableNames.CallerDirectory, Key: { pk: `PHONE#${before}`, sk: '#' } }));
    expect(gone.Item).toBeUndefined();
  });

  it('keeps a tombstone, so an update delivered after the delete does not bring the record back', async () => {
    const [lead, phone] = [id('00Q'), num()];
    await store.apply('Lead', { Id: lead, Name: 'Pat Prospect', OwnerId: '005Dm0000000003AAA', IsConverted: false, Phone: phone }, 5000);
    expect(await store.remove('Lead', lead, 6000)).toBe('applied');
    expect(await store.apply('Lead', { Id: lead, Name: 'Pat Prospect', OwnerId: '005Dm0000000003AAA', IsConverted: false, Phone: phone }, 5500)).toBe('stale');
    expect(await directory.lookup(phone)).toMatchObject({ profile: { known: false } });
    expect((await store.records([lead])).get(lead)).toMatchObject({ deleted: true, version: 6000, entity: 'Lead' });
  });

  it('applies the same change twice to the same result (at-least-once delivery)', async () => {
    const [lead, phone] = [id('00Q'), num()];
    const fields = { Id: lead, Name: 'Pat Prospect', OwnerId: '005Dm0000000003AAA', IsConverted: 'false', MobilePhone: phone };
    await store.apply('Lead', fields, 7000);
    await store.apply('Lead', fields, 7000);
    const item = await db.doc.send(new GetCommand({ TableName: db.tableNames.CallerDirectory, Key: { pk: `PHONE#${phone}`, sk: '#' } }));
    expect(item.Item?.refs).toEqual([{ id: lead, type: 'Lead', accountId: '', lastModified: '' }]);
  });

  it('drops a converted Lead from its numbers', async () => {
    const [lead, phone] = [id('00Q'), num()];
    await store.apply('Lead', { Id: lead, Name: 'Pat Prospect', IsConverted: 'false', Phone: phone }, 1000);
    await store.apply('Lead', { Id: lead, Name: 'Pat Prospect', IsConverted: 'true', Phone: phone }, 2000);
    expect(await directory.lookup(phone)).toMatchObject({ profile: { known: false } });
  });

  it('finds a Person Account by its person phone fields', async () => {
    const [person, mobile] = [id('001'), num()];
    await store.apply('Account', account(person, '', { IsPersonAccount: 'true', Name: 'Sam Person', PersonMobilePhone: mobile }), 1000);
    expect(await directory.lookup(mobile)).toMatchObject({
      profile: { record: { id: person, type: 'PersonAccount', name: 'Sam Person' }, account: { id: person, tier: 'Gold' } },
    });
  });

  it('skips a ref whose record no longer holds the number (a write interrupted between its two steps)', async () => {
    const [acc, con, other, phone] = [id('001'), id('003'), id('003'), num()];
    await store.apply('Account', account(acc, num()), 1000);
    await store.apply('Contact', contact(con, acc, { Phone: num() }), 1000);
    await store.apply('Contact', contact(other, '', { Phone: phone }), 1000);
    // As if `con` had taken `phone` and lost it again with the ref's removal interrupted: the ref ranks first.
    const table = db.tableNames.CallerDirectory;
    const refs = [
      { id: con, type: 'Contact', accountId: acc, lastModified: '' },
      { id: other, type: 'Contact', accountId: '', lastModified: '' },
    ];
    await db.doc.send(new PutCommand({ TableName: table, Item: { pk: `PHONE#${phone}`, sk: '#', refs, rev: 9 } }));
    expect(await directory.lookup(phone)).toMatchObject({ profile: { known: true, record: { id: other }, matchCount: 1 } });
  });

  it('keeps summaries right when a Case closes, moves to another Account, or many change at once', async () => {
    const [first, second, phone1, phone2] = [id('001'), id('001'), num(), num()];
    await store.apply('Account', account(first, phone1), 1000);
    await store.apply('Account', account(second, phone2), 1000);
    const cases = Array.from({ length: 12 }, () => id('500'));
    await Promise.all(
      cases.map((c, i) =>
        store.apply(
          'Case',
          {
            Id: c,
            AccountId: first,
            IsClosed: false,
            Subject: `Case ${i}`,
            Priority: 'Medium',
            CreatedDate: `2026-11-${String(10 + i).padStart(2, '0')}T10:00:00Z`,
          },
          1000,
        ),
      ),
    );
    expect(await directory.lookup(phone1)).toMatchObject({ profile: { openCases: { count: 12, latestSubject: 'Case 11' } } });

    await store.apply(
      'Case',
      { Id: cases[11], AccountId: first, IsClosed: true, Subject: 'Case 11', Priority: 'Medium', CreatedDate: '2026-11-21T10:00:00Z' },
      2000,
    );
    await store.apply(
      'Case',
      { Id: cases[10], AccountId: second, IsClosed: false, Subject: 'Case 10', Priority: 'Medium', CreatedDate: '2026-11-20T10:00:00Z' },
      2000,
    );
    await store.remove('Case', cases[9]!, 2000);
    expect(await directory.lookup(phone1)).toMatchObject({ profile: { openCases: { count: 9, latestSubject: 'Case 8' } } });
    expect(await directory.lookup(phone2)).toMatchObject({ profile: { openCases: { count: 1, latestSubject: 'Case 10' } } });
  });

  it('loads batches idempotently, skipping rows older than what is stored and rejecting rows without an Id', async () => {
    const [acc, c1, c2, p1, p2] = [id('001'), id('003'), id('003'), num(), num()];
    await store.apply('Account', account(acc, num()), 1000);
    await store.apply('Contact', contact(c2, acc, { Phone: p2 }), 9000);
    const before = (await store.meta()).counts;
    const rows = [
      { fields: contact(c1, acc, { Phone: p1 }), version: 5000 },
      { fields: contact(c2, acc, { Phone: p1 }), version: 5000 },
      { fields: { Name: 'No Id' }, version: 5000 },
    ];
    const first = await store.applyMany('Contact', rows);
    expect(first).toEqual({ applied: 1, stale: 1, rejected: [{ id: '', reason: expect.stringContaining('has no Id') }] });
    await store.applyMany('Contact', rows);
    expect((await store.meta()).counts).toEqual({ records: before.records + 1, numbers: before.numbers + 1 });
    expect(await directory.lookup(p1)).toMatchObject({ profile: { record: { id: c1 }, matchCount: 1 } });
    expect(await directory.lookup(p2)).toMatchObject({ profile: { record: { id: c2 } } });
  });

  it('refuses a row without an Id with an error naming the problem', async () => {
    await expect(store.apply('Contact', { Name: 'No Id' }, 1)).rejects.toThrow(DirectoryRecordError);
  });
});
