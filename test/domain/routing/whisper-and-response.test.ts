import type { CallerProfile } from '../../../functions/src/domain/routing/caller-profile';
import { decideRoute, fallbackDecision } from '../../../functions/src/domain/routing/decide-route';
import { MAX_RESPONSE_BYTES, ROUTE_RESPONSE_KEYS } from '../../../functions/src/domain/routing/route-response';
import { toRouteResponse } from '../../../functions/src/domain/routing/route-response-builder';
import type { CallFacts, RoutingDecision } from '../../../functions/src/domain/routing/routing-decision';
import { MAX_WHISPER_LENGTH } from '../../../functions/src/domain/routing/whisper';
import { agentArn, agentId, facts, knownProfile, opportunity, pastCall, policy, TUESDAY_10AM } from './fixtures';

const whisperFor = (callFacts: Partial<CallFacts>, profile: CallerProfile | null, calls = [pastCall(40)]) =>
  decideRoute({ facts: facts(callFacts), profile, pastCalls: calls, queueMetrics: {}, policy, now: TUESDAY_10AM }).whisper;
const gold = { id: '001Dm0000000001AAA', name: 'Acme Corp', tier: 'Gold' };

describe('whisper', () => {
  it.each([
    ['a new caller who pressed 1', { ivrChoice: '1' }, null, 'New caller — sales (IVR 1).'],
    [
      'a withheld number',
      { ivrChoice: '3', customerNumber: null, customerNumberStatus: 'anonymous' as const },
      null,
      'Anonymous caller — billing question (IVR 3).',
    ],
    ['a new caller who asked Lex', { lexIntent: 'RenewContract' }, null, 'New caller — renewal (said RenewContract).'],
    ['a new caller on the support line', { dialledNumber: '+18005550101' }, null, 'New caller — support (dialled line).'],
    ['a known caller with no signal', {}, knownProfile({ account: gold }), 'Gold Acme Corp — general question.'],
    [
      'a late-stage opportunity',
      { ivrChoice: '1' },
      knownProfile({ account: gold, openOpportunities: [opportunity({ name: 'Acme expansion', stageName: 'Negotiation/Review' })] }),
      "Gold Acme Corp — sales: Negotiation/Review on 'Acme expansion'.",
    ],
    [
      'a renewal due',
      {},
      knownProfile({ account: gold, openOpportunities: [opportunity({ name: 'Acme 2027', type: 'Renewal', closeDate: '2026-12-31' })] }),
      "Gold Acme Corp — renewal: renewal 'Acme 2027' closes 2026-12-31.",
    ],
    ['an overdue invoice', {}, knownProfile({ account: { ...gold, overdueInvoice: true } }), 'Gold Acme Corp — billing question: overdue invoice.'],
    [
      'a lead without an account',
      { ivrChoice: '1' },
      knownProfile({ account: undefined, record: { id: '00QDm0000000001AAA', type: 'Lead', name: 'Sam Ray', ownerId: '' } }),
      'Sam Ray — sales (IVR 1).',
    ],
  ])('%s', (_label, callFacts, profile, expected) => {
    expect(whisperFor(callFacts, profile)).toBe(expected);
  });

  it('counts earlier calls within the repeat window', () => {
    const profile = knownProfile({ account: gold, openCases: { count: 2, latestSubject: 'Printer jam' } });
    expect(whisperFor({ ivrChoice: '2' }, profile, [pastCall(2), pastCall(20), pastCall(30)])).toBe(
      "Gold Acme Corp — support: open case 'Printer jam' (2 open); called 2× in 24 h.",
    );
  });

  it('stays one line of at most 120 characters with long, hostile names', () => {
    const profile = knownProfile({
      account: { ...gold, name: `Very\nLong\tName ${'x'.repeat(300)}` },
      openCases: { count: 99, latestSubject: `Subject\u0000with\u2028controls ${'y'.repeat(300)}` },
    });
    const whisper = whisperFor({ ivrChoice: '2' }, profile, [pastCall(1), pastCall(2)]);
    expect(whisper.length).toBeLessThanOrEqual(MAX_WHISPER_LENGTH);
    expect(whisper).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(whisper.startsWith('Gold Very Long Name')).toBe(true);
  });
});

describe('toRouteResponse', () => {
  const decision = decideRoute({
    facts: facts({ ivrChoice: '4' }),
    profile: knownProfile(),
    pastCalls: [],
    queueMetrics: {},
    policy,
    now: TUESDAY_10AM,
  });

  it('maps every field to a string', () => {
    expect(toRouteResponse({ ...decision, decisionMs: 12.6, profileSource: 'directory' })).toEqual({
      callerKnown: 'true',
      callerRecordId: '003Dm0000000001AAA',
      callerRecordType: 'Contact',
      callerName: 'Pat Lee',
      accountId: '001Dm0000000001AAA',
      accountName: 'Acme Corp',
      ownerId: '005Dm0000000003AAA',
      intent: 'renewal',
      intentConfidence: '0.95',
      intentReasons: 'IVR choice 4 → renewal',
      valueScore: '25',
      valueTier: 'medium',
      targetQueueArn: 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance/queue/renewals',
      targetQueueName: 'Renewals',
      routingPriority: '2',
      preferredAgentId: agentId(3),
      preferredAgentArn: agentArn(3),
      preferredAgentTimeoutSeconds: '20',
      screenPopRecordId: '003Dm0000000001AAA',
      whisper: 'Silver Acme Corp — renewal (IVR 4).',
      routingRule: 'renewal',
      routingReason: 'rule renewal: intent renewal; preferred agent: record owner',
      degraded: 'false',
      decisionMs: '13',
      profileSource: 'directory',
    });
  });

  it('names no profile source for a decision stored before the caller directory', () => {
    expect(toRouteResponse(decision).profileSource).toBe('none');
  });

  it.each<[string, Partial<RoutingDecision['intent']>, Partial<RoutingDecision['value']>, Partial<RoutingDecision['route']>, Record<string, string>]>([
    [
      'out-of-range numbers are clamped',
      { confidence: 1.7 },
      { score: 250 },
      { priority: 42, preferredAgentTimeoutSeconds: -3 },
      { intentConfidence: '1.00', valueScore: '100', routingPriority: '10', preferredAgentTimeoutSeconds: '0' },
    ],
    ['negative numbers are clamped', { confidence: -1 }, { score: -5 }, { priority: 0 }, { intentConfidence: '0.00', valueScore: '0', routingPriority: '1' }],
    [
      'NaN becomes a safe default',
      { confidence: Number.NaN },
      { score: Number.NaN },
      { priority: Number.NaN },
      { intentConfidence: '0.00', valueScore: '0', routingPriority: '5' },
    ],
    ['confidence is rounded to two places', { confidence: 0.755 }, { score: 44.5 }, {}, { intentConfidence: '0.76', valueScore: '45' }],
  ])('%s', (_label, intent, value, route, expected) => {
    const response = toRouteResponse({
      ...decision,
      intent: { ...decision.intent, ...intent },
      value: { ...decision.value, ...value },
      route: { ...decision.route, ...route },
    });
    expect(response).toMatchObject(expected);
  });

  it('joins reasons with "; ", strips control characters and cuts long values', () => {
    const reasons = ['first\nline', '', 'second\u0007', ...Array.from({ length: 200 }, (_, i) => `reason number ${i}`)];
    const response = toRouteResponse({
      ...decision,
      intent: { ...decision.intent, reasons },
      caller: { ...decision.caller, name: `Pat\r\nLee${'é'.repeat(5000)}` },
    });
    expect(response.intentReasons.startsWith('first line; second; reason number 0; ')).toBe(true);
    expect(response.intentReasons.length).toBeLessThanOrEqual(500);
    expect(response.intentReasons.endsWith('…')).toBe(true);
    expect(response.callerName.startsWith('Pat Lee')).toBe(true);
    expect(response.callerName.length).toBeLessThanOrEqual(120);
  });

  it('answers every key for a fallback decision, far below the Connect limit', () => {
    const response = toRouteResponse(fallbackDecision({ facts: facts(), policy, now: TUESDAY_10AM, code: 'CALLER_LOOKUP_FAILED' }));
    expect(Object.keys(response).sort()).toEqual([...ROUTE_RESPONSE_KEYS].sort());
    expect(response.degraded).toBe('true');
    expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThan(MAX_RESPONSE_BYTES / 8);
  });
});
