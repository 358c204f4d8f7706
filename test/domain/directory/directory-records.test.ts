import { directoryFields, directoryRecordOf, numbersOf, summarise, withRef } from '../../../functions/src/domain/directory/directory-records';

describe('directory records (pure)', () => {
  it.each([
    ['national with extension', { Phone: '(202) 555-0143 ext. 7' }, ['+12025550143']],
    ['international and national of one number', { Phone: '+1 202-555-0143', MobilePhone: '202.555.0143' }, ['+12025550143']],
    ['not a number', { Phone: 'call reception' }, []],
    ['two numbers', { Phone: '+44 20 7946 0958', MobilePhone: '2025550143' }, ['+442079460958', '+12025550143']],
  ])('reads the numbers of a record: %s', (_, fields, expected) => {
    expect(numbersOf(fields, ['Phone', 'MobilePhone'], 'US')).toEqual(expected);
  });

  it('reads a Bulk API CSV row (strings) and a change event (typed, Name in parts) alike', () => {
    const csv = directoryRecordOf(
      'Account',
      {
        Id: '001A',
        Name: 'Acme',
        AnnualRevenue: '1200.5',
        Callwise_Overdue_Invoice__c: 'true',
        Phone: '2025550143',
        OwnerId: '005A',
        LastModifiedDate: '2026-11-01T10:00:00.000+0000',
      },
      'US',
    );
    expect(csv).toEqual({
      kind: 'caller',
      caller: {
        id: '001A',
        type: 'Account',
        name: 'Acme',
        ownerId: '005A',
        accountId: '001A',
        numbers: ['+12025550143'],
        lastModified: '2026-11-01T10:00:00.000Z',
      },
      account: { id: '001A', name: 'Acme', tier: '', annualRevenue: 1200.5, type: '', ownerId: '005A', overdueInvoice: true },
    });
    const event = directoryRecordOf(
      'Contact',
      { Id: '003A', Name: { FirstName: 'Ada', LastName: 'Example' }, AccountId: null, MobilePhone: '+12025550143' },
      'US',
    );
    expect(event).toMatchObject({ kind: 'caller', caller: { name: 'Ada Example', accountId: '', numbers: ['+12025550143'] } });
    // A loaded Name, then a change event's new LastName merged over it: the parts win.
    const renamed = directoryRecordOf('Contact', { Id: '003A', Name: 'Ada Example', FirstName: 'Ada', LastName: 'Okafor' }, 'US');
    expect(renamed).toMatchObject({ caller: { name: 'Ada Okafor' } });
  });

  it('ignores the Contact side of a Person Account and anchors a Case at its Account, else its Contact', () => {
    expect(directoryRecordOf('Contact', { Id: '003P', IsPersonAccount: 'true', Phone: '2025550143' }, 'US')).toEqual({ kind: 'ignored', id: '003P' });
    expect(directoryRecordOf('Case', { Id: '500A', ContactId: '003A', IsClosed: 'false' }, 'US')).toMatchObject({ case: { anchorId: '003A', open: true } });
    expect(directoryRecordOf('Case', { Id: '500B', AccountId: '001A', ContactId: '003A', IsClosed: true }, 'US')).toMatchObject({
      case: { anchorId: '001A', open: false },
    });
  });

  it('orders refs as the live lookup ranks matches: Contact on an Account, Person Account, Contact, Account, Lead', () => {
    const lead = { id: '00QA', type: 'Lead' as const, accountId: '', lastModified: '2026-11-05T00:00:00.000Z' };
    const account = { id: '001A', type: 'Account' as const, accountId: '001A', lastModified: '2026-11-05T00:00:00.000Z' };
    const orphan = { id: '003B', type: 'Contact' as const, accountId: '', lastModified: '2026-11-05T00:00:00.000Z' };
    const onAccount = { id: '003A', type: 'Contact' as const, accountId: '001A', lastModified: '2026-01-01T00:00:00.000Z' };
    let refs = withRef([], { put: lead });
    for (const ref of [account, orphan, onAccount]) refs = withRef(refs, { put: ref });
    expect(refs.map((r) => r.id)).toEqual(['003A', '003B', '001A', '00QA']);
    expect(withRef(refs, { remove: '003B' }).map((r) => r.id)).toEqual(['003A', '001A', '00QA']);
  });

  it('summarises open Cases (count, latest) and the ten soonest-closing open Opportunities', () => {
    const cases = [
      { id: '500A', anchorId: 'x', open: true, subject: 'Old', priority: 'Low', createdDate: '2026-10-01T00:00:00.000Z' },
      { id: '500B', anchorId: 'x', open: true, subject: 'New', priority: 'High', createdDate: '2026-11-01T00:00:00.000Z' },
      { id: '500C', anchorId: 'x', open: false, subject: 'Closed', priority: 'High', createdDate: '2026-12-01T00:00:00.000Z' },
    ];
    const opps = Array.from({ length: 12 }, (_, i) => ({
      id: `006${i}`,
      anchorId: 'x',
      open: true,
      name: `O${i}`,
      stageName: 'Prospecting',
      amount: 10,
      closeDate: `2027-01-${String(28 - i).padStart(2, '0')}`,
      type: '',
    }));
    const summary = summarise(cases, opps);
    expect(summary.cases).toEqual({ count: 2, latestId: '500B', latestSubject: 'New', latestPriority: 'High', latestCreated: '2026-11-01T00:00:00.000Z' });
    expect(summary.opportunities.map((o) => o.name)).toEqual(['O11', 'O10', 'O9', 'O8', 'O7', 'O6', 'O5', 'O4', 'O3', 'O2']);
  });

  it('selects Person Account fields only for orgs that have them', () => {
    expect(directoryFields('Account', false)).not.toContain('PersonMobilePhone');
    expect(directoryFields('Account', true)).toEqual(expect.arrayContaining(['IsPersonAccount', 'PersonMobilePhone', 'PersonHomePhone']));
  });
});
