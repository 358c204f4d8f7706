import { MalformedChangeEventError, parseChangeEvent } from '../../../functions/src/domain/directory/change-event';
import { EVENT_RELAY_FIXTURES, loadEventRelayFixture } from '../../fixtures/event-relay/load';

/** An Event Relay delivery: EventBridge envelope, Pub/Sub payload (unchanged fields null), as the CDC guide's UPDATE sample. */
function relayed(header: Record<string, unknown>, fields: Record<string, unknown> = {}, detailType = 'ContactChangeEvent') {
  return {
    version: '0',
    id: 'b3a8f0a2-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    'detail-type': detailType,
    source: 'aws.partner/salesforce.com/00DRM000000Fxts2AC/0YLRM0000004Dfg4AE',
    account: '123456789012',
    time: '2026-12-02T09:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: {
      schemaId: 'I8b-dYxvxs5wOtCBr4qsew',
      payload: {
        ChangeEventHeader: {
          entityName: 'Contact',
          recordIds: ['003RM000004UF9sYAG'],
          changeType: 'UPDATE',
          changeOrigin: 'com/salesforce/api/soap/51.0;client=SfdcInternalAPI/',
          transactionKey: '0005e192-9e62-2554-3880-3c3718bd6308',
          sequenceNumber: 1,
          commitTimestamp: 1608073758000,
          commitNumber: 74487681550,
          commitUser: '005RM000001hv4SYAQ',
          changedFields: ['MobilePhone', 'LastModifiedDate'],
          nulledFields: [],
          diffFields: [],
          ...header,
        },
        Name: null,
        MobilePhone: '+44 20 7946 0018',
        Phone: null,
        LastModifiedDate: 1608073758000,
        ...fields,
      },
    },
  };
}

describe('parseChangeEvent', () => {
  it('reads the header and the record fields of an UPDATE', () => {
    const event = parseChangeEvent(relayed({}));
    expect(event).toMatchObject({
      eventId: 'b3a8f0a2-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
      entity: 'Contact',
      recordIds: ['003RM000004UF9sYAG'],
      changeType: 'UPDATE',
      changedFields: ['MobilePhone', 'LastModifiedDate'],
      nulledFields: [],
      commitTimestamp: 1608073758000,
      sequenceNumber: 1,
      transactionKey: '0005e192-9e62-2554-3880-3c3718bd6308',
    });
    expect(event.fields.MobilePhone).toBe('+44 20 7946 0018');
    expect(event.fields.Phone).toBeNull();
  });

  it('names compound parts by their own field names', () => {
    const event = parseChangeEvent(relayed({ changedFields: ['Name.LastName'] }, { Name: { Salutation: null, FirstName: null, LastName: 'Okafor' } }));
    expect(event.changedFields).toEqual(['LastName']);
    expect(event.fields.LastName).toBe('Okafor');
    const whole = parseChangeEvent(relayed({ changeType: 'CREATE', changedFields: ['Name'] }, { Name: { FirstName: 'Ada', LastName: 'Okafor' } }));
    expect(whole.changedFields).toEqual(['FirstName', 'LastName']);
  });

  it('accepts an overflow event without record ids', () => {
    const event = parseChangeEvent(relayed({ changeType: 'GAP_OVERFLOW', recordIds: [], changedFields: [] }, { MobilePhone: null }));
    expect(event.changeType).toBe('GAP_OVERFLOW');
    expect(event.recordIds).toEqual([]);
  });

  it.each([
    ['an entity the directory does not follow', relayed({ entityName: 'Task' }, {}, 'TaskChangeEvent'), 'entity "Task" is not one the directory follows'],
    ['an undocumented change type', relayed({ changeType: 'SNAPSHOT' }), 'change type "SNAPSHOT" is not a documented one'],
    ['a missing commit timestamp', relayed({ commitTimestamp: undefined }), 'detail.payload.ChangeEventHeader.commitTimestamp'],
    ['a record id that is not one', relayed({ recordIds: ['not-an-id'] }), 'recordIds.0: not a Salesforce record id'],
    ['a source that is not a relay', { ...relayed({}), source: 'aws.connect' }, 'source: not an Event Relay partner event source'],
    [
      'a detail-type that disagrees with the entity',
      relayed({}, {}, 'LeadChangeEvent'),
      'detail-type "LeadChangeEvent" does not match ChangeEventHeader.entityName Contact',
    ],
    ['an UPDATE without record ids', relayed({ recordIds: [] }), 'an event of type UPDATE names at least one record'],
    ['no payload at all', { ...relayed({}), detail: {} }, 'detail.payload'],
  ])('refuses %s, saying what is wrong', (_name, input, message) => {
    expect(() => parseChangeEvent(input)).toThrow(MalformedChangeEventError);
    expect(() => parseChangeEvent(input)).toThrow(message);
  });
});

describe('the Event Relay fixtures (test/fixtures/event-relay)', () => {
  const all = EVENT_RELAY_FIXTURES.flatMap((name) => loadEventRelayFixture(name).map((event, i) => [`${name}[${i}]`, event] as const));

  it.each(all)('%s parses', (_name, event) => {
    expect(() => parseChangeEvent(event)).not.toThrow();
  });

  it('reads a compound Name change by its part and a cleared number as nulled', () => {
    const [event] = loadEventRelayFixture('contact-update-nulled');
    expect(parseChangeEvent(event)).toMatchObject({
      changedFields: ['LastName', 'MobilePhone', 'LastModifiedDate'],
      nulledFields: ['MobilePhone'],
      fields: { LastName: 'Quinn-Harper', MobilePhone: null },
    });
  });

  it('reads a merge as the losers deleted together, then the winner updated', () => {
    const [losers, winner] = loadEventRelayFixture('contact-merge').map(parseChangeEvent);
    expect([losers?.changeType, losers?.recordIds, winner?.changeType, winner?.recordIds]).toEqual([
      'DELETE',
      ['003Dm0000000904IAA', '003Dm0000000905IAA'],
      'UPDATE',
      ['003Dm0000000901IAA'],
    ]);
  });
});
