import { applyChange, applyChanges, planChange, refetchChanges, type RecordChange, type RecordState } from '../../../functions/src/domain/directory/change-apply';
import type { ChangeEvent } from '../../../functions/src/domain/directory/change-event';

const T = 1_764_666_000_000; // 2025-12-02T09:00:00Z in ms

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
  it('an UPDATE merges only the directory fields it changed, nulled fields as null', () => {
    const plan = planChange(event({ changedFields: ['MobilePhone', 'Title', 'LastModifiedDate'], nulledFields: ['Phone'], fields: { MobilePhone: '+442079460018', Phone: null, Title: 'CFO', FirstName: null } }));
    expect(plan).toEqual({ changes: [{ kind: 'merge', entity: 'Contact', id: '003000000000001AAA', version: T * 1000 + 1, fields: { Phone: null, MobilePhone: '+442079460018' } }], followUps: [] });
  });

  it('an UPDATE of fields the directory does not keep changes nothing', () => {
    expect(planChange(event({ changedFields: ['Title', 'LastModifiedDate'], fields: { Title: 'CFO' } }))).toEqual({ changes: [], followUps: [] });
  });

  it('one change to several records becomes one change per record', () => {
    const plan = planChange(event({ recordIds: ['003000000000001AAA', '003000000000002AAA'], changeType: 'DELETE' }));
    expect(plan.changes.map((c) => [c.kind, c.id])).toEqual([['remove', '003000000000001AAA'], ['remove', '003000000000002AAA']]);
  });

  it('a CREATE is the whole record: fields it does not carry are null', () => {
    const plan = planChange(event({ entity: 'Lead', changeType: 'CREATE', fields: { LastName: 'Okafor', Company: 'Okafor Ltd', Phone: '+14155550100', OwnerId: '005000000000001AAA', IsConverted: false } }));
    expect(plan.changes).toEqual([
      { kind: 'snapshot', entity: 'Lead', id: '003000000000001AAA', version: T * 1000 + 1, fields: { FirstName: null, LastName: 'Okafor', Company: 'Okafor Ltd', Phone: '+14155550100', MobilePhone: null, OwnerId: '005000000000001AAA', IsConverted: false } },
    ]);
  });

  it('a converted Lead leaves the directory', () => {
    const plan = planChange(event({ entity: 'Lead', changedFields: ['Status', 'IsConverted', 'ConvertedDate', 'ConvertedContactId'], fields: { IsConverted: true, ConvertedContactId: '003000000000009AAA' } }));
    expect(plan.changes).toEqual([{ kind: 'remove', entity: 'Lead', id: '003000000000001AAA', version: T * 1000 + 1, reason: 'converted' }]);
  });

  it('gap events ask for the records, overflow and wildcard ids for a reconcile', () => {
    expect(planChange(event({ changeType: 'GAP_UPDATE', recordIds: ['003000000000001AAA', '003000000000002AAA'] })).followUps).toEqual([{ kind: 'refetch', entity: 'Contact', ids: ['003000000000001AAA', '003000000000002AAA'], version: T * 1000 + 1 }]);
    expect(planChange(event({ changeType: 'GAP_OVERFLOW', recordIds: [] })).followUps).toEqual([{ kind: 'reconcile', entity: 'Contact', reason: 'overflow event' }]);
    expect(planChange(event({ recordIds: ['003*'] })).followUps).toEqual([{ kind: 'reconcile', entity: 'Contact', reason: 'wildcard record id 003*' }]);
  });
});

const ID = '003000000000001AAA';
const merge = (version: number, fields: Record<string, string | null>): RecordChange => ({ kind: 'merge', entity: 'Contact', id: ID, version, fields });
const snapshot = (version: number, fields: Record<string, string | null>): RecordChange => ({ kind: 'snapshot', entity: 'Contact', id: ID, version, fields });
const remove = (version: number): RecordChange => ({ kind: 'remove', entity: 'Contact', id: ID, version, reason: 'deleted' });

describe('applyChanges', () => {
  const loaded: RecordState = { entity: 'Contact', id: ID, fields: { Phone: '+14155550100', LastName: 'Okafor' }, versions: { Phone: 100, LastName: 100 } };

  it('an UPDATE that arrives after a later one still sets the fields the later one did not touch', () => {
    const late = applyChanges(applyChange(loaded, merge(300, { LastName: 'Okafor-Reyes' })).state, [merge(200, { Phone: '+14155550199', LastName: 'Okafor-Smith' })]);
    expect(late.state.fields).toEqual({ Phone: '+14155550199', LastName: 'Okafor-Reyes' });
    expect([late.applied, late.stale]).toEqual([1, 0]);
  });

  it('is the same whatever the delivery order, and a repeated event is stale', () => {
    const [a, b, c] = [merge(200, { Phone: '+14155550199' }), merge(300, { Phone: '+14155550222' }), merge(250, { LastName: 'Reyes' })];
    const inOrder = applyChanges(loaded, [a, b, c]);
    const reversed = applyChanges(applyChanges(loaded, [b]).state, [c, a, b]);
    expect(reversed.state).toEqual(inOrder.state);
    expect(inOrder.state.fields).toEqual({ Phone: '+14155550222', LastName: 'Reyes' });
    expect(reversed.stale).toBe(2);
  });

  it('a delete wins over older changes; only a later UNDELETE brings the record back', () => {
    const first = applyChanges(loaded, [merge(200, { Phone: '+14155550199' }), remove(300)]);
    const deleted = applyChanges(first.state, [merge(250, { LastName: 'Late' }), snapshot(150, { Phone: 'x' })]);
    expect(deleted.state.deletedAt).toBe(300);
    expect([first.applied, deleted.applied, deleted.stale]).toEqual([2, 0, 2]);
    const undeleted = applyChange(deleted.state, snapshot(400, { Phone: '+14155550100', LastName: 'Okafor' }));
    expect(undeleted.state.deletedAt).toBeUndefined();
    expect(undeleted.state.fields.Phone).toBe('+14155550100');
    expect(applyChange(undeleted.state, remove(300)).changed).toBe(false);
  });

  it('a record first seen by its delete keeps a tombstone so its late CREATE stays out', () => {
    const gone = applyChanges(applyChange(undefined, remove(300)).state, [snapshot(200, { Phone: '+14155550100' })]);
    expect(gone.state).toEqual({ entity: 'Contact', id: ID, fields: {}, versions: {}, deletedAt: 300 });
  });
});

describe('refetchChanges', () => {
  it('a record Salesforce still has is a snapshot at its SystemModstamp; one it does not have was deleted', () => {
    const changes = refetchChanges(
      { kind: 'refetch', entity: 'Contact', ids: ['003000000000001AAA', '003000000000002AAA'], version: 5_000 },
      new Map([['003000000000001AAA', { fields: { Phone: '+14155550100', Title: 'CFO' }, systemModstampMs: 7 }]]),
    );
    expect(changes[0]).toMatchObject({ kind: 'snapshot', id: '003000000000001AAA', version: 7_000 });
    expect(changes[0]).toHaveProperty('fields.Phone', '+14155550100');
    expect(changes[0]).not.toHaveProperty('fields.Title');
    expect(changes[1]).toEqual({ kind: 'remove', entity: 'Contact', id: '003000000000002AAA', version: 5_000, reason: 'deleted' });
  });
});
