import { parseContactEvent } from '../../../functions/src/adapters/connect/contact-event';
import { contactFacts, emptyContactState, mergeContactEvent, sameContactState, type ContactEvent } from '../../../functions/src/domain/outcome/contact-state';
import { buildOutcome, contactDetailsPageUrl } from '../../../functions/src/domain/outcome/outcome';
import { callTaskRecord } from '../../../functions/src/domain/outcome/outcome-task';
import { loadFixture, shuffle } from '../../call-logging/support';

const ABANDONED = '11111111-aaaa-4000-8000-000000000002';
const ANSWERED = '11111111-aaaa-4000-8000-000000000001';
const PLACEHOLDER = '1970-01-01T00:00:00.001Z';
const mergeAll = (events: ContactEvent[], id: string) => events.reduce(mergeContactEvent, emptyContactState(id));

describe('placeholder and impossible timestamps mean "not set"', () => {
  const events = loadFixture('abandoned').events.map(parseContactEvent);

  it.each([1, 2, 3, 4, 5])('the documented CONTACT_DATA_UPDATED (1970 placeholders) leaves the abandoned call abandoned with zero talk (order %i)', (seed) => {
    expect(events.some((e) => e.eventType === 'CONTACT_DATA_UPDATED' && e.connectedToAgentTimestamp === PLACEHOLDER)).toBe(true);
    const outcome = buildOutcome({ state: mergeAll(shuffle([...events, ...events], seed), ABANDONED) });
    // Queued 09:10:05, caller hung up 09:11:40 without reaching an agent: 95 s of waiting, nothing else.
    expect(outcome).toMatchObject({ answered: false, abandoned: true, talkSeconds: 0, holdSeconds: 0, handleSeconds: 0, waitSeconds: 95 });
    expect(callTaskRecord(outcome)).toMatchObject({
      Callwise_Abandoned__c: true,
      Callwise_Talk_Seconds__c: 0,
      CallDurationInSeconds: 0,
      CallDisposition: 'Abandoned',
    });
  });

  it('gives the same state with or without the placeholder event, in any order', () => {
    const without = mergeAll(
      events.filter((e) => e.eventType !== 'CONTACT_DATA_UPDATED'),
      ABANDONED,
    );
    const withIt = mergeAll(shuffle(events, 9), ABANDONED);
    expect({ ...withIt, seen: without.seen }).toEqual(without);
    expect(sameContactState(mergeAll(shuffle(events, 3), ABANDONED), mergeAll(shuffle(events, 4), ABANDONED))).toBe(true);
  });

  it('ignores a timestamp before the initiation, whether the initiation comes in the same event or another', () => {
    const base = { time: '2026-11-24T09:12:00Z', contactId: 'c-9' };
    const initiated: ContactEvent = { ...base, eventId: 'a', eventType: 'INITIATED', initiationTimestamp: '2026-11-24T09:10:00.000Z' };
    const early: ContactEvent = {
      ...base,
      eventId: 'b',
      eventType: 'CONTACT_DATA_UPDATED',
      initiationTimestamp: '2026-11-24T09:10:00.000Z',
      connectedToAgentTimestamp: '2026-11-24T08:00:00.000Z',
    };
    const earlyAlone: ContactEvent = { ...base, eventId: 'c', eventType: 'CONTACT_DATA_UPDATED', connectedToAgentTimestamp: '2026-11-24T08:00:00.000Z' };
    for (const order of [
      [initiated, early],
      [early, initiated],
      [earlyAlone, initiated],
      [initiated, earlyAlone],
    ]) {
      expect(contactFacts(mergeAll(order, 'c-9')).connectedToAgentTimestamp).toBeUndefined();
    }
  });

  it('keeps the real connected time when a placeholder arrives later', () => {
    const answered = loadFixture('answered').events.map(parseContactEvent);
    const update: ContactEvent = {
      ...answered[0]!,
      eventId: 'u',
      eventType: 'CONTACT_DATA_UPDATED',
      time: '2026-11-24T09:59:00Z',
      connectedToAgentTimestamp: PLACEHOLDER,
      enqueueTimestamp: PLACEHOLDER,
    };
    const facts = contactFacts(mergeAll([...answered, update], ANSWERED));
    expect(facts).toMatchObject({ connectedToAgentTimestamp: '2026-11-24T09:00:47.000Z', enqueueTimestamp: '2026-11-24T09:00:05.000Z' });
  });
});

describe('contact events: only the documented data model is read', () => {
  it('ignores fields the model does not have (queue name, recording location, hold and after-call work)', () => {
    const [event] = loadFixture('answered').events;
    const invented = {
      ...event!,
      detail: {
        ...event!.detail,
        queueInfo: { queueArn: 'arn:q', queueName: 'Invented' },
        recording: { location: 'bucket/key.wav' },
        agentInfo: { agentArn: 'arn:a', customerHoldDuration: 99, afterContactWorkDuration: 99 },
      },
    };
    const parsed = parseContactEvent(invented);
    expect(Object.keys(parsed).sort()).toEqual([
      'agentArn',
      'channel',
      'contactId',
      'eventId',
      'eventType',
      'initiationMethod',
      'initiationTimestamp',
      'queueArn',
      'time',
    ]);
    expect(parsed).toMatchObject({ queueArn: 'arn:q', agentArn: 'arn:a' });
  });
});

describe('the recording link', () => {
  const state = mergeAll(loadFixture('answered').events.map(parseContactEvent), ANSWERED);
  const accessUrl = 'https://acme-contact.my.connect.aws/';

  it('is the contact details page of a recorded call, under the instance access URL, never a storage key', () => {
    const outcome = buildOutcome({ state, details: { recorded: true }, connectAccessUrl: accessUrl });
    expect(outcome.recordingUrl).toBe(`https://acme-contact.my.connect.aws/contact-trace-records/details/${ANSWERED}`);
    expect(callTaskRecord(outcome).Callwise_Recording_Url__c).toBe(contactDetailsPageUrl('https://acme-contact.my.connect.aws', ANSWERED));
  });

  it.each([
    ['no recording', { details: { recorded: false }, connectAccessUrl: accessUrl }],
    ['no access URL configured', { details: { recorded: true } }],
  ])('is left out with %s', (_label, input) => {
    expect(callTaskRecord(buildOutcome({ state, ...input }))).not.toHaveProperty('Callwise_Recording_Url__c');
  });

  it('is set for an analysed call (Contact Lens analyses recordings) and never for an unanswered one', () => {
    const analysis = { contactId: ANSWERED, interruptions: 0, nonTalkSeconds: 0, categories: [], summary: '' };
    expect(buildOutcome({ state, analysis, connectAccessUrl: accessUrl }).recordingUrl).toMatch(/contact-trace-records\/details/);
    const abandoned = mergeAll(loadFixture('abandoned').events.map(parseContactEvent), ABANDONED);
    expect(buildOutcome({ state: abandoned, details: { recorded: true }, connectAccessUrl: accessUrl }).recordingUrl).toBeUndefined();
  });
});
