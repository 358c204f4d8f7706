import { parseContactEvent, MalformedContactEventError } from '../../../functions/src/adapters/connect/contact-event';
import {
  emptyContactState,
  mergeContactEvent,
  sameContactState,
  withNextContact,
  type ContactState,
} from '../../../functions/src/domain/outcome/contact-state';
import { buildOutcome, OutcomeNotReadyError } from '../../../functions/src/domain/outcome/outcome';
import { callTaskRecord } from '../../../functions/src/domain/outcome/outcome-task';
import { loadFixture, shuffle } from '../../call-logging/support';

function stateOf(name: string, contactId?: string, seed = 1): ContactState {
  const fixture = loadFixture(name);
  const events = fixture.events.map(parseContactEvent).filter((e) => !contactId || e.contactId === contactId);
  const id = contactId ?? events[0]!.contactId;
  return shuffle(events, seed).reduce(mergeContactEvent, emptyContactState(id));
}

/** What DescribeQueue answers for the fixtures' queue (events carry queue ARNs, not names). */
const DESCRIBED_QUEUES: Record<string, string> = {
  'arn:aws:connect:eu-west-1:111122223333:instance/5e0d1f2c-0000-4000-8000-000000000001/queue/billing': 'Billing',
};

function outcomeOf(name: string, contactId?: string) {
  const fixture = loadFixture(name);
  const state = stateOf(name, contactId);
  const decision = fixture.decisions.find((d) => d.contactId === state.contactId);
  const queueArn = state.latest.queueArn?.v;
  const queueName = !decision && queueArn ? DESCRIBED_QUEUES[queueArn] : undefined;
  return buildOutcome({ state, decision, details: { ...fixture.describeContact[state.contactId], ...(queueName ? { queueName } : {}) } });
}

describe('contact state merge', () => {
  it.each(['answered', 'abandoned', 'outbound', 'callback'])('%s: any order and duplicates give the same state', (name) => {
    const events = loadFixture(name).events.map(parseContactEvent);
    const inOrder = events.reduce(mergeContactEvent, emptyContactState(events[0]!.contactId));
    for (const seed of [1, 2, 3, 4, 5]) {
      const shuffledWithDuplicates = shuffle([...events, ...events.slice(0, 2)], seed);
      expect(shuffledWithDuplicates.reduce(mergeContactEvent, emptyContactState(events[0]!.contactId))).toEqual(inOrder);
    }
  });

  it('compares states whatever order their fields were set in', () => {
    const events = loadFixture('answered').events.map(parseContactEvent);
    const a = events.reduce(mergeContactEvent, emptyContactState(events[0]!.contactId));
    const b = [...events].reverse().reduce(mergeContactEvent, emptyContactState(events[0]!.contactId));
    expect(sameContactState(a, b)).toBe(true);
    expect(sameContactState(a, withNextContact(a, 'x'))).toBe(false);
  });

  it('refuses an event of another contact', () => {
    const event = parseContactEvent(loadFixture('answered').events[0]);
    expect(() => mergeContactEvent(emptyContactState('other'), event)).toThrow(/cannot be merged/);
  });
});

describe('buildOutcome', () => {
  it.each([
    [
      'answered',
      undefined,
      {
        direction: 'inbound',
        answered: true,
        abandoned: false,
        transferred: false,
        waitSeconds: 42,
        holdSeconds: 30,
        talkSeconds: 270,
        acwSeconds: 60,
        handleSeconds: 360,
        csat: 5,
        converted: false,
        disposition: 'Resolved',
        intent: 'billing',
        whoId: '003Dm0000000001IAA',
        whatId: '001Dm0000000001IAA',
        queueName: 'Billing',
      },
    ],
    [
      'abandoned',
      undefined,
      {
        direction: 'inbound',
        answered: false,
        abandoned: true,
        waitSeconds: 95,
        talkSeconds: 0,
        handleSeconds: 0,
        whoId: '00QDm0000000001MAA',
        csat: undefined,
      },
    ],
    [
      'outbound',
      undefined,
      {
        direction: 'outbound',
        answered: true,
        abandoned: false,
        waitSeconds: 0,
        talkSeconds: 180,
        acwSeconds: 30,
        handleSeconds: 210,
        converted: true,
        disposition: 'Sale',
        intent: '',
      },
    ],
    ['callback', undefined, { direction: 'callback', answered: true, waitSeconds: 120, talkSeconds: 240, handleSeconds: 260, csat: 4 }],
    [
      'transferred',
      '11111111-aaaa-4000-8000-000000000013',
      { direction: 'transfer', transferred: true, answered: true, waitSeconds: 15, queueName: 'Billing', handleSeconds: 245 },
    ],
  ])('%s %s', (name, contactId, expected) => {
    expect(outcomeOf(name, contactId)).toMatchObject(expected);
  });

  it('marks the transferred-out leg as transferred once the next contact names it', () => {
    const state = withNextContact(stateOf('transferred', '11111111-aaaa-4000-8000-000000000003'), '11111111-aaaa-4000-8000-000000000013');
    expect(buildOutcome({ state }).transferred).toBe(true);
    expect(buildOutcome({ state: stateOf('abandoned') }).whatId).toBeUndefined();
    expect(buildOutcome({ state: stateOf('transferred', '11111111-aaaa-4000-8000-000000000003') }).transferred).toBe(false);
  });

  it('fills hold and attributes from DescribeContact only where the events are silent', () => {
    const state = stateOf('answered');
    const bare = buildOutcome({ state });
    expect(bare).toMatchObject({ holdSeconds: 0, talkSeconds: 300, csat: undefined, disposition: undefined });
  });

  it('says what is missing when a contact has no timestamps yet', () => {
    const state = mergeContactEvent(emptyContactState('c-1'), {
      eventId: 'e',
      time: '2026-11-24T09:00:00Z',
      eventType: 'CONTACT_DATA_UPDATED',
      contactId: 'c-1',
    });
    expect(() => buildOutcome({ state })).toThrow(OutcomeNotReadyError);
  });

  it.each([
    ['csat out of range', { csat: '9' }, { csat: undefined }],
    ['csat not a number', { csat: 'great' }, { csat: undefined }],
    ['converted yes', { converted: 'yes' }, { converted: true }],
    [
      'an owner that is a policy agent (18-character id for a 15-character one)',
      { salesforceUserId: '005Dm0000000R01AAA' },
      { ownerId: '005Dm0000000R01', untrusted: [] },
    ],
    ['an owner outside the policy', { salesforceUserId: '005Dm0000000R09AAA' }, { ownerId: undefined, untrusted: ['OwnerId'] }],
    ['a disposition in another case', { disposition: ' wrong NUMBER ' }, { disposition: 'Wrong number', untrusted: [] }],
    ['a disposition not configured', { disposition: 'Cancel my account' }, { disposition: undefined, untrusted: ['CallDisposition'] }],
    ['blank values (nothing to drop)', { salesforceUserId: ' ', disposition: '' }, { ownerId: undefined, disposition: undefined, untrusted: [] }],
  ])('attributes: %s', (_label, attributes, expected) => {
    const state = stateOf('answered');
    const trust = { agents: [{ salesforceUserId: '005Dm0000000R01' }], dispositions: ['Resolved', 'Wrong number'] };
    const outcome = buildOutcome({ state, details: { attributes }, trust });
    expect({ ...outcome, untrusted: outcome.untrusted ?? [] }).toMatchObject(expected);
  });

  it('trusts no owner and only the default dispositions when no policy is given', () => {
    const state = stateOf('answered');
    const outcome = buildOutcome({ state, details: { attributes: { salesforceUserId: '005Dm0000000R01AAA', disposition: 'Voicemail' } } });
    expect(outcome).toMatchObject({ ownerId: undefined, disposition: 'Voicemail', untrusted: ['OwnerId'] });
  });
});

describe('callTaskRecord', () => {
  it('writes the standard call fields and the Callwise fields, never TaskSubtype', () => {
    const record = callTaskRecord(outcomeOf('answered'));
    expect(record).toMatchObject({
      Callwise_Contact_Id__c: '11111111-aaaa-4000-8000-000000000001',
      CallObject: '11111111-aaaa-4000-8000-000000000001',
      Status: 'Completed',
      CallType: 'Inbound',
      CallDurationInSeconds: 360,
      CallDisposition: 'Resolved',
      WhoId: '003Dm0000000001IAA',
      WhatId: '001Dm0000000001IAA',
      ActivityDate: '2026-11-24',
      Callwise_Wait_Seconds__c: 42,
      Callwise_Abandoned__c: false,
      Callwise_CSAT__c: 5,
      Callwise_Routing_Rule__c: 'billing-vip',
    });
    expect(record).not.toHaveProperty('TaskSubtype');
    expect(record).not.toHaveProperty('Callwise_First_Call_Resolution__c');
  });

  it('records on the Task where routing found the caller', () => {
    const fixture = loadFixture('answered');
    const state = stateOf('answered');
    const decision = fixture.decisions.find((d) => d.contactId === state.contactId)!;
    const outcome = buildOutcome({ state, decision: { ...decision, profileSource: 'directory' }, details: fixture.describeContact[state.contactId]! });
    expect(callTaskRecord(outcome).Callwise_Profile_Source__c).toBe('directory');
    expect(callTaskRecord(outcomeOf('answered'))).not.toHaveProperty('Callwise_Profile_Source__c');
  });

  it('leaves out unknown facts instead of clearing them', () => {
    const record = callTaskRecord(outcomeOf('outbound'));
    expect(Object.values(record)).not.toContain(undefined);
    expect(record).not.toHaveProperty('WhoId');
    expect(record.CallType).toBe('Outbound');
  });
});

describe('parseContactEvent', () => {
  it.each([
    ['not an object', 'hello', /\(root\)/],
    ['wrong detail-type', { ...loadFixture('answered').events[0], 'detail-type': 'Object Created' }, /detail-type/],
    ['missing contactId', { ...loadFixture('answered').events[0], detail: { eventType: 'QUEUED' } }, /detail\.contactId/],
    ['bad timestamp', { ...loadFixture('answered').events[0], time: 'yesterday' }, /time/],
  ])('rejects %s with a clear error', (_label, input, message) => {
    expect(() => parseContactEvent(input)).toThrow(MalformedContactEventError);
    expect(() => parseContactEvent(input)).toThrow(message);
  });
});
