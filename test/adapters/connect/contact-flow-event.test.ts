import { parseContactFlowEvent } from '../../../functions/src/adapters/connect/contact-flow-event';
import { CALLER, CONTACT_ID, contactFlowEvent } from '../../domain/routing/fixtures';

const parse = (raw: unknown) => parseContactFlowEvent(raw, 'US');

function factsOf(raw: unknown) {
  const result = parse(raw);
  if (!result.ok) throw new Error(`expected a parsed event, got: ${result.error}`);
  return result.facts;
}

describe('parseContactFlowEvent', () => {
  it('reads a real-shaped inbound voice event', () => {
    expect(factsOf(contactFlowEvent({}, { ivrChoice: '2' }))).toEqual({
      contactId: CONTACT_ID,
      channel: 'VOICE',
      initiationMethod: 'INBOUND',
      customerNumber: CALLER,
      customerNumberStatus: 'valid',
      dialledNumber: '+18005550100',
      ivrChoice: '2',
      lexIntent: '',
    });
  });

  it.each(['VOICE', 'CHAT', 'TASK', 'EMAIL', 'chat'])('accepts channel %s', (channel) => {
    expect(factsOf(contactFlowEvent({ Channel: channel })).channel).toBe(channel.toUpperCase());
  });

  it('reads a flow without a channel as voice', () => {
    expect(factsOf(contactFlowEvent({ Channel: undefined })).channel).toBe('VOICE');
  });

  it.each([
    'INBOUND',
    'OUTBOUND',
    'TRANSFER',
    'CALLBACK',
    'API',
    'QUEUE_TRANSFER',
    'DISCONNECT',
    'MONITOR',
    'EXTERNAL_OUTBOUND',
    'AGENT_REPLY',
    'FLOW',
    'WEBRTC_API',
  ])('keeps initiation method %s', (method) => {
    expect(factsOf(contactFlowEvent({ InitiationMethod: method })).initiationMethod).toBe(method);
  });

  it.each([
    ['missing', undefined, ''],
    ['not a method', 'in bound; drop', ''],
  ])('an initiation method that is %s becomes ""', (_label, method, expected) => {
    expect(factsOf(contactFlowEvent({ InitiationMethod: method })).initiationMethod).toBe(expected);
  });

  it.each([
    ['an E.164 number', { Address: '+14155550123', Type: 'TELEPHONE_NUMBER' }, '+14155550123', 'valid'],
    ['a national number', { Address: '(415) 555-0123', Type: 'TELEPHONE_NUMBER' }, '+14155550123', 'valid'],
    ['a number with an extension', { Address: '+1 415 555 0123 x45', Type: 'TELEPHONE_NUMBER' }, '+14155550123', 'valid'],
    ['an international number', { Address: '+442079460958', Type: 'TELEPHONE_NUMBER' }, '+442079460958', 'valid'],
    ['a number without a type', { Address: '+14155550123' }, '+14155550123', 'valid'],
    ["Connect's anonymous number", { Address: '+266696687', Type: 'TELEPHONE_NUMBER' }, null, 'anonymous'],
    ['ANONYMOUS', { Address: 'ANONYMOUS', Type: 'TELEPHONE_NUMBER' }, null, 'anonymous'],
    ['Anonymous', { Address: 'Anonymous', Type: 'TELEPHONE_NUMBER' }, null, 'anonymous'],
    ['Restricted', { Address: 'Restricted', Type: 'TELEPHONE_NUMBER' }, null, 'anonymous'],
    ['Unavailable', { Address: 'Unavailable', Type: 'TELEPHONE_NUMBER' }, null, 'anonymous'],
    ['withheld', { Address: 'withheld', Type: 'TELEPHONE_NUMBER' }, null, 'anonymous'],
    ['no endpoint', null, null, 'missing'],
    ['an absent endpoint', undefined, null, 'missing'],
    ['an empty address', { Address: '', Type: 'TELEPHONE_NUMBER' }, null, 'missing'],
    ['a null address', { Address: null, Type: 'TELEPHONE_NUMBER' }, null, 'missing'],
    ['an email address', { Address: 'pat@example.com', Type: 'EMAIL_ADDRESS' }, null, 'invalid'],
    ['a chat participant', { Address: 'c1b2a3-participant', Type: 'CONNECT_PARTICIPANT' }, null, 'invalid'],
    ['a number on a non-phone endpoint', { Address: '+14155550123', Type: 'EMAIL_ADDRESS' }, null, 'invalid'],
    ['text that is not a number', { Address: 'call me maybe', Type: 'TELEPHONE_NUMBER' }, null, 'invalid'],
    ['too short a number', { Address: '12345', Type: 'TELEPHONE_NUMBER' }, null, 'invalid'],
  ])('customer endpoint with %s', (_label, endpoint, number, status) => {
    const parsed = factsOf(contactFlowEvent({ CustomerEndpoint: endpoint }));
    expect(parsed.customerNumber).toBe(number);
    expect(parsed.customerNumberStatus).toBe(status);
  });

  it.each([
    ['a toll-free number', { Address: '+18005550101', Type: 'TELEPHONE_NUMBER' }, '+18005550101'],
    ['none', null, null],
    ['a chat widget', { Address: 'widget', Type: 'CONNECT_PARTICIPANT' }, null],
  ])('dialled number from a system endpoint with %s', (_label, endpoint, expected) => {
    expect(factsOf(contactFlowEvent({ SystemEndpoint: endpoint })).dialledNumber).toBe(expected);
  });

  it.each([
    ['flow parameters', { ivrChoice: '3', lexIntent: 'PayBill' }, {}, '3', 'PayBill'],
    ['contact attributes', {}, { ivrChoice: '4', lexIntent: 'RenewContract' }, '4', 'RenewContract'],
    ['parameters over attributes', { ivrChoice: '1' }, { ivrChoice: '2' }, '1', ''],
    ['a numeric parameter', { ivrChoice: 2 }, {}, '2', ''],
    ['blank values', { ivrChoice: '  ', lexIntent: '' }, {}, '', ''],
    ['values that are not text', { ivrChoice: { digit: 1 }, lexIntent: ['BuyProduct'] }, {}, '', ''],
    ['an over-long choice', { ivrChoice: '1'.repeat(21) }, {}, '', ''],
  ])('IVR choice and Lex intent from %s', (_label, parameters, attributes, ivrChoice, lexIntent) => {
    const parsed = factsOf(contactFlowEvent({ Attributes: attributes }, parameters));
    expect({ ivrChoice: parsed.ivrChoice, lexIntent: parsed.lexIntent }).toEqual({ ivrChoice, lexIntent });
  });

  it('tolerates unknown fields and a null Parameters map', () => {
    const event = contactFlowEvent({ SegmentAttributes: { 'connect:Subtype': { ValueString: 'connect:Telephony' } }, Tags: {} });
    (event.Details as Record<string, unknown>).Parameters = null;
    (event as Record<string, unknown>).FutureField = { anything: true };
    expect(factsOf(event).contactId).toBe(CONTACT_ID);
  });

  it.each([
    ['not an object', 'hello', 'event: expected object', ''],
    ['null', null, 'event: expected object', ''],
    ['no Details', { Name: 'ContactFlowEvent' }, 'Details: expected object', ''],
    ['no ContactData', { Details: { Parameters: {} } }, 'Details.ContactData: expected object', ''],
    ['no ContactId', contactFlowEvent({ ContactId: undefined }), 'Details.ContactData.ContactId: expected string', ''],
    ['a ContactId that is not an id', contactFlowEvent({ ContactId: 'Pat Lee +1 415 555 0123' }), 'Details.ContactData.ContactId: not a Connect ContactId', ''],
    ['another event name', { ...contactFlowEvent(), Name: 'SomethingElse' }, 'Name: unexpected value', CONTACT_ID],
    ['an unknown channel', contactFlowEvent({ Channel: 'PIGEON' }), 'Details.ContactData.Channel: unsupported channel', CONTACT_ID],
    [
      'an endpoint that is not an object',
      contactFlowEvent({ CustomerEndpoint: '+14155550123' }),
      'Details.ContactData.CustomerEndpoint: expected object',
      CONTACT_ID,
    ],
  ])('rejects %s with a named path', (_label, raw, error, contactId) => {
    const result = parse(raw);
    expect(result).toEqual({ ok: false, error, contactId });
  });

  it('never puts the caller number or name in the error', () => {
    const raw = contactFlowEvent({ Channel: 42, CustomerEndpoint: { Address: 415_555_0123, Type: 'TELEPHONE_NUMBER' }, Name: 'Pat Lee' });
    const result = parse(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).not.toMatch(/415|Pat|Lee/);
      expect(result.error).toContain('Details.ContactData.CustomerEndpoint.Address: expected string');
    }
  });
});
