import { foldChanges, planChange, type HeldRecord, type RecordChange } from '../../../functions/src/domain/directory/change-apply';
import type { ChangeEvent, DirectoryEntity } from '../../../functions/src/domain/directory/change-event';

const T = 1_764_666_000_000; // 2025-12-02T09:00:00Z in ms
const KEEP: Record<DirectoryEntity, string[]> = {
  Contact: ['Name', 'Phone', 'MobilePhone', 'AccountId', 'OwnerId'],
  Lead: ['Name', 'Phone', 'OwnerId', 'IsConverted'],
  Account: ['Name', 'Phone'],
  Case: ['AccountId', 'IsClosed', 'Subject'],
  Opportunity: ['AccountId', 'IsClosed'],
};
const keep = (entity: DirectoryEntity) => KEEP[entity];

function event(over: Partial<ChangeEvent>): ChangeEvent {
  return {
    eventId: 'e1',
    entity: 'Contact',
    recordIds: ['003000000000001AAA'],
    changeType: 'UPDATE',
    changedFields: [],
    nulledFields: [],
    commitTimestamp: T,
    transactionKey: 'tx-1',
    sequenceNumber: 1,
    fields: {},
    ...over,
  };
}

describe('planChange', () => {
  it('an UPDATE carries only the directory fields it changed, nulled fields as null', () => {
    const plan = planChange(
      event({
        changedFields: ['MobilePhone', 'Title', 'LastModifiedDate'],
        nulledFields: ['Phone'],
        fields: { MobilePhone: '+442079460018', Phone: null, Title: 'CFO', OwnerId: null },
      }),
      keep,
    );
    expect(plan).toEqual({
      changes: [
        {
          kind: 'update',
          entity: 'Contact',
          id: '003000000000001AAA',
          version: T,
          sequence: 1,
          fields: { MobilePhone: '+442079460018', Phone: null },
          needs: [],
        },
      ],
      followUps: [],
    });
  });

  it('a Name part changed empties Name (the parts name the record) and needs the other part', () => {
    const plan = planChange(event({ changedFields: ['LastName', 'LastModifiedDate'], fields: { LastName: 'Quinn-Harper' } }), (e) => [
      ...KEEP[e],
      'FirstName',
      'LastName',
    ]);
    expect(plan.changes).toEqual([
      {
        kind: 'update',
        entity: 'Contact',
        id: '003000000000001AAA',
        version: T,
        sequence: 1,
        fields: { LastName: 'Quinn-Harper', Name: null },
        needs: ['FirstName', 'LastName'],
      },
    ]);
  });

  it('an UPDATE of fields the directory does not keep changes nothing', () => {
    expect(planChange(event({ changedFields: ['Title', 'LastModifiedDate'], fields: { Title: 'CFO' } }), keep)).toEqual({ changes: [], followUps: [] });
  });

  it('one change to several records becomes one change per record', () => {
    const plan = planChange(event({ recordIds: ['003000000000001AAA', '003000000000002AAA', '003000000000001AAA'], changeType: 'DELETE' }), keep);
    expect(plan.changes.map((c) => [c.kind, c.id])).toEqual([
      ['remove', '003000000000001AAA'],
      ['remove', '003000000000002AAA'],
    ]);
  });

  it('a CREATE is the whole record: fields it does not carry are null', () => {
    const plan = planChange(
      event({ entity: 'Lead', changeType: 'CREATE', fields: { Name: 'Ada Okafor', Phone: '+14155550100', Company: 'Okafor Ltd' } }),
      keep,
    );
    expect(plan.changes).toEqual([
      {
        kind: 'write',
        entity: 'Lead',
        id: '003000000000001AAA',
        version: T,
        sequence: 1,
        fields: { Id: '003000000000001AAA', Name: 'Ada Okafor', Phone: '+14155550100', OwnerId: null, IsConverted: null },
      },
    ]);
  });

  it('gap events ask for the records, overflow and wildcard ids for a reconcile', () => {
    expect(planChange(event({ changeType: 'GAP_UPDATE', recordIds: ['003000000000001AAA', '003000000000002AAA'] }), keep).followUps).toEqual([
      { kind: 'refetch', entity: 'Contact', ids: ['003000000000001AAA', '003000000000002AAA'], version: T },
    ]);
    expect(planChange(event({ changeType: 'GAP_OVERFLOW', recordIds: [] }), keep).followUps).toEqual([
      { kind: 'reconcile', entity: 'Contact', reason: 'overflow event' },
    ]);
    expect(planChange(event({ recordIds: ['003*'] }), keep).followUps).toEqual([{ kind: 'reconcile', entity: 'Contact', reason: 'wildcard record id 003*' }]);
  });
});

const ID = '003000000000001AAA';
const base = { entity: 'Contact' as const, id: ID, sequence: 1 };
const update = (version: number, fields: Record<string, string | null>, sequence = 1, needs: string[] = []): RecordChange => ({
  ...base,
  kind: 'update',
  version,
  sequence,
  fields,
  needs,
});
const write = (version: number, fields: Record<string, string | null>): RecordChange => ({ ...base, kind: 'write', version, fields: { Id: ID, ...fields } });
const remove = (version: number): RecordChange => ({ ...base, kind: 'remove', version });

describe('foldChanges', () => {
  const held: HeldRecord = { version: 100, deleted: false, fields: { Id: ID, Name: 'Ada Okafor', Phone: '+14155550100', MobilePhone: null } };

  it('merges UPDATEs in commit order (then sequence), whatever the delivery order', () => {
    const folded = foldChanges(held, [
      update(300, { Phone: '+14155550222' }),
      update(200, { Phone: '+14155550199', MobilePhone: '+14155550333' }),
      update(300, { Name: 'Ada Reyes' }, 0),
    ]);
    expect(folded.write).toEqual({ kind: 'write', version: 300, fields: { Id: ID, Name: 'Ada Reyes', Phone: '+14155550222', MobilePhone: '+14155550333' } });
    expect([folded.applied, folded.stale, folded.refetch]).toEqual([3, 0, false]);
  });

  it('a repeated event is stale and writes nothing', () => {
    const once = foldChanges(held, [update(200, { Phone: '+14155550199' })]);
    const again = foldChanges({ version: 200, deleted: false, fields: (once.write as { fields: Record<string, unknown> }).fields }, [
      update(200, { Phone: '+14155550199' }),
      write(100, { Name: 'Ada Okafor' }),
    ]);
    expect(again).toEqual({ refetch: false, applied: 0, stale: 2 });
  });

  it('an UPDATE older than the held record is stale; when it says something new the record is read from Salesforce', () => {
    expect(foldChanges(held, [update(50, { Phone: '+14155550100' })])).toEqual({ refetch: false, applied: 0, stale: 1 });
    expect(foldChanges(held, [update(50, { MobilePhone: '+14155550333' })])).toEqual({ refetch: true, applied: 0, stale: 1 });
  });

  it('an UPDATE of a record the directory does not hold is read from Salesforce; one after a CREATE in the same batch merges', () => {
    expect(foldChanges(undefined, [update(200, { Phone: '+14155550199' })])).toEqual({ refetch: true, applied: 0, stale: 0 });
    const created = foldChanges(undefined, [update(200, { Phone: '+14155550199' }), write(150, { Name: 'Ada Okafor', Phone: '+14155550100' })]);
    expect(created.write).toEqual({ kind: 'write', version: 200, fields: { Id: ID, Name: 'Ada Okafor', Phone: '+14155550199' } });
    expect(created.refetch).toBe(false);
  });

  it('a Name part cannot be merged into a record held without its parts: it is read from Salesforce', () => {
    expect(foldChanges(held, [update(200, { LastName: 'Reyes', Name: null }, 1, ['FirstName', 'LastName'])])).toEqual({ refetch: true, applied: 0, stale: 0 });
    const withParts: HeldRecord = { ...held, fields: { ...held.fields, Name: null, FirstName: 'Ada', LastName: 'Okafor' } };
    expect(foldChanges(withParts, [update(200, { LastName: 'Reyes', Name: null }, 1, ['FirstName', 'LastName'])]).write).toMatchObject({
      fields: { FirstName: 'Ada', LastName: 'Reyes', Name: null },
    });
  });

  it('a delete wins over older changes; a late UPDATE or CREATE cannot bring the record back; an UNDELETE does', () => {
    const deleted = foldChanges(held, [update(200, { Phone: '+14155550199' }), remove(300)]);
    expect(deleted.write).toEqual({ kind: 'remove', version: 300 });
    const tombstone: HeldRecord = { version: 300, deleted: true, fields: { Id: ID } };
    expect(foldChanges(tombstone, [update(250, { Name: 'Late' }), write(150, { Name: 'Ada' }), remove(300)])).toEqual({ refetch: false, applied: 0, stale: 3 });
    expect(foldChanges(tombstone, [write(400, { Name: 'Ada Okafor' })]).write).toEqual({ kind: 'write', version: 400, fields: { Id: ID, Name: 'Ada Okafor' } });
  });
});
