import type { CallerProfile, PastCall } from '../../../functions/src/domain/routing/caller-profile';
import { decideRoute, fallbackDecision } from '../../../functions/src/domain/routing/decide-route';
import { type RoutingPolicy, RoutingPolicySchema } from '../../../functions/src/domain/policy/policy';
import type { CallFacts } from '../../../functions/src/domain/routing/routing-decision';
import type { QueueMetrics } from '../../../functions/src/ports';
import {
  agentArn,
  agentId,
  CALLER,
  CONTACT_ID,
  facts,
  knownProfile,
  opportunity,
  pastCall,
  policy,
  queueArn,
  TUESDAY_10AM,
  TUESDAY_8PM,
  userId,
} from './fixtures';

interface Case {
  facts?: Partial<CallFacts>;
  profile?: CallerProfile | null;
  pastCalls?: PastCall[];
  metrics?: Record<string, QueueMetrics>;
  now?: Date;
  policy?: RoutingPolicy;
}

const decide = (c: Case) =>
  decideRoute({
    facts: facts(c.facts),
    profile: c.profile === undefined ? knownProfile() : c.profile,
    pastCalls: c.pastCalls ?? [],
    queueMetrics: c.metrics ?? {},
    policy: c.policy ?? policy,
    now: c.now ?? TUESDAY_10AM,
  });

const account = (tier: string) => ({ id: '001Dm0000000001AAA', name: 'Acme Corp', tier, ownerId: userId(4) });
const platinum = knownProfile({ account: account('Platinum') });
const lateStage = knownProfile({ openOpportunities: [opportunity({ stageName: 'Negotiation/Review', amount: 10_000 })] });
const busy = (queue: string, contactsInQueue: number, oldestContactAgeSeconds = 0) => ({
  [queueArn(queue)]: { contactsInQueue, oldestContactAgeSeconds, agentsAvailable: 0 },
});

describe('decideRoute: each rule of the default policy', () => {
  it.each<[string, Case, { rule: string; queue: string; priority: number; agent: number; timeout: number }]>([
    [
      'vip tier → vip queue, record owner first',
      { profile: platinum, facts: { ivrChoice: '2' } },
      { rule: 'vip', queue: 'vip', priority: 1, agent: 3, timeout: 20 },
    ],
    ['vip tier after hours still → vip', { profile: platinum, now: TUESDAY_8PM }, { rule: 'vip', queue: 'vip', priority: 1, agent: 3, timeout: 20 }],
    [
      'after hours → after-hours',
      { facts: { ivrChoice: '2' }, now: TUESDAY_8PM },
      { rule: 'after-hours', queue: 'after-hours', priority: 5, agent: 0, timeout: 0 },
    ],
    ['unknown caller → general', { profile: null, facts: { ivrChoice: '1' } }, { rule: 'unknown-caller', queue: 'general', priority: 5, agent: 0, timeout: 0 }],
    [
      'a profile Salesforce does not know counts as unknown',
      { profile: knownProfile({ known: false }), facts: { ivrChoice: '1' } },
      { rule: 'unknown-caller', queue: 'general', priority: 5, agent: 0, timeout: 0 },
    ],
    ['renewal → renewals, record owner first', { facts: { ivrChoice: '4' } }, { rule: 'renewal', queue: 'renewals', priority: 2, agent: 3, timeout: 20 }],
    [
      'sales with a late-stage opportunity → sales, owner first',
      { profile: lateStage, facts: { ivrChoice: '1' } },
      { rule: 'sales-late-stage', queue: 'sales', priority: 2, agent: 3, timeout: 20 },
    ],
    [
      'support → support, last agent first',
      { facts: { ivrChoice: '2' }, pastCalls: [pastCall(30, { agentId: agentId(7) })] },
      { rule: 'support', queue: 'support', priority: 3, agent: 7, timeout: 15 },
    ],
    ['billing → billing', { facts: { lexIntent: 'PayBill' } }, { rule: 'billing', queue: 'billing', priority: 4, agent: 0, timeout: 0 }],
    [
      'sales without a late-stage opportunity → sales',
      { facts: { dialledNumber: '+18005550100' } },
      { rule: 'sales', queue: 'sales', priority: 3, agent: 0, timeout: 0 },
    ],
    ['a known caller with no signal → catch-all', {}, { rule: 'catch-all', queue: 'general', priority: 6, agent: 0, timeout: 0 }],
  ])('%s', (_label, input, expected) => {
    const { route, degraded } = decide(input);
    expect(degraded).toBe(false);
    expect(route).toMatchObject({
      rule: expected.rule,
      queueArn: queueArn(expected.queue),
      queueName: policy.queues[expected.queue]?.name,
      priority: expected.priority,
      preferredAgentId: expected.agent ? agentId(expected.agent) : '',
      preferredAgentArn: expected.agent ? agentArn(expected.agent) : '',
      preferredAgentTimeoutSeconds: expected.timeout,
    });
    expect(route.reason).toMatch(new RegExp(`^rule ${expected.rule}: `));
  });

  it('says why a rule matched, without personal data', () => {
    expect(decide({ profile: lateStage, facts: { ivrChoice: '1' } }).route.reason).toBe(
      'rule sales-late-stage: intent sales, late-stage opportunity; preferred agent: record owner',
    );
    expect(decide({ now: TUESDAY_8PM }).route.reason).toBe('rule after-hours: outside business hours');
    expect(decide({}).route.reason).toBe('rule catch-all: matches every call');
  });

  it('fills the caller, intent, value, screen pop and whisper', () => {
    const profile = knownProfile({ account: account('Gold'), openCases: { count: 2, latestId: '500Dm0000000001AAA', latestSubject: 'Printer jam' } });
    const decision = decide({ profile, facts: { ivrChoice: '2' }, pastCalls: [pastCall(2), pastCall(5)] });
    expect(decision).toMatchObject({
      contactId: CONTACT_ID,
      decidedAt: TUESDAY_10AM.toISOString(),
      channel: 'VOICE',
      initiationMethod: 'INBOUND',
      phoneE164: CALLER,
      caller: {
        known: true,
        matchCount: 1,
        recordId: '003Dm0000000001AAA',
        recordType: 'Contact',
        name: 'Pat Lee',
        accountId: '001Dm0000000001AAA',
        accountName: 'Acme Corp',
        ownerId: userId(3),
      },
      intent: { name: 'support', confidence: 0.95 },
      value: { score: 45, tier: 'high' },
      screenPopRecordId: '500Dm0000000001AAA',
      whisper: "Gold Acme Corp — support: open case 'Printer jam' (2 open); called 2× in 24 h.",
      degraded: false,
      decisionMs: 0,
    });
  });

  it('pops the caller record when the call is not about the open case', () => {
    const profile = knownProfile({ openCases: { count: 1, latestId: '500Dm0000000001AAA' } });
    expect(decide({ profile, facts: { ivrChoice: '3' } }).screenPopRecordId).toBe('003Dm0000000001AAA');
  });
});

describe('decideRoute: overflow', () => {
  it.each([
    ['9 waiting', busy('support', 9), 'support', undefined],
    ['10 waiting', busy('support', 10), 'general', 'overflow support → general: 10 in queue (≥ 10)'],
    ['oldest 179 s', busy('support', 1, 179), 'support', undefined],
    ['oldest 180 s', busy('support', 1, 180), 'general', 'overflow support → general: oldest waiting 180 s (≥ 180 s)'],
    ['another queue busy', busy('sales', 50, 900), 'support', undefined],
    ['no metrics', {}, 'support', undefined],
  ])('support with %s → %s', (_label, metrics, queue, note) => {
    const { route } = decide({ facts: { ivrChoice: '2' }, metrics });
    expect(route.queueArn).toBe(queueArn(queue));
    expect(route.rule).toBe('support');
    expect(route.priority).toBe(3);
    if (note) expect(route.reason).toContain(note);
    else expect(route.reason).not.toContain('overflow');
  });

  it('overflows renewals to sales and keeps the rule, priority and preferred agent', () => {
    const { route } = decide({ facts: { ivrChoice: '4' }, metrics: busy('renewals', 5) });
    expect(route).toMatchObject({
      queueArn: queueArn('sales'),
      queueName: 'Sales',
      rule: 'renewal',
      priority: 2,
      preferredAgentId: agentId(3),
      preferredAgentArn: agentArn(3),
    });
  });

  it('never overflows a queue without an overflow rule', () => {
    expect(decide({ now: TUESDAY_8PM, metrics: busy('after-hours', 500, 3600) }).route.queueArn).toBe(queueArn('after-hours'));
  });
});

describe('decideRoute: preferred agent', () => {
  const withOwner = (recordOwner: string, accountOwner = '') =>
    knownProfile({
      record: { id: '003Dm0000000001AAA', type: 'Contact', name: 'Pat Lee', ownerId: recordOwner },
      account: { ...account('Silver'), ownerId: accountOwner },
    });

  it.each([
    ['the record owner', withOwner(userId(3), userId(4)), 3, 'preferred agent: record owner'],
    ['the account owner when the record has none', withOwner('', userId(4)), 4, 'preferred agent: record owner'],
    ['a 15-character owner Id', withOwner(userId(12).slice(0, 15)), 12, 'preferred agent: record owner'],
    ['nobody when the owner is not an agent', withOwner('005Dm0000000099AAA'), 0, 'record owner is not a Connect agent'],
    ['nobody when there is no owner', withOwner(''), 0, 'no record owner'],
  ])('owner rule offers the call to %s', (_label, profile, agent, note) => {
    const { route } = decide({ profile, facts: { ivrChoice: '4' } });
    expect([route.preferredAgentId, route.preferredAgentArn]).toEqual(agent ? [agentId(agent), agentArn(agent)] : ['', '']);
    expect(route.preferredAgentTimeoutSeconds).toBe(agent ? 20 : 0);
    expect(route.reason).toContain(note);
  });

  it.each([
    ['the agent of the latest call that had one', [pastCall(48, { agentId: agentId(1) }), pastCall(3, { agentId: agentId(2) }), pastCall(1)], null, 2],
    ['the owner of the latest call logged in Salesforce', [], [{ at: '2026-11-20T10:00:00Z', intent: 'support', ownerId: userId(9) }], 9],
    ['nobody without earlier calls', [], null, 0],
    [
      'the agent of a dated call, not one with a broken time',
      [{ ...pastCall(1, { agentId: 'broken' }), at: 'soon' }, pastCall(6, { agentId: agentId(5) })],
      null,
      5,
    ],
  ])('lastAgent rule offers the call to %s', (_label, calls, recentCalls, agent) => {
    const profile = recentCalls ? knownProfile({ recentCalls }) : knownProfile();
    const { route } = decide({ profile, facts: { ivrChoice: '2' }, pastCalls: calls });
    expect([route.preferredAgentId, route.preferredAgentArn]).toEqual(agent ? [agentId(agent), agentArn(agent)] : ['', '']);
    expect(route.preferredAgentTimeoutSeconds).toBe(agent ? 15 : 0);
  });
});

describe('decideRoute: policies other than the default', () => {
  it('uses the fallback queue when no rule matches', () => {
    const strict = RoutingPolicySchema.parse({
      ...policy,
      rules: [{ name: 'chat-only', when: { channels: ['CHAT'] }, then: { queue: 'support', priority: 2 } }],
    });
    expect(decide({ policy: strict }).route).toMatchObject({
      rule: 'fallback',
      queueArn: queueArn('general'),
      priority: 5,
      reason: 'no rule matched: fallback queue',
    });
    expect(decide({ policy: strict, facts: { channel: 'CHAT' } }).route).toMatchObject({ rule: 'chat-only', reason: 'rule chat-only: channel CHAT' });
  });
});

describe('fallbackDecision', () => {
  it('routes to the policy fallback, degraded, and says why', () => {
    const decision = fallbackDecision({ facts: facts({ ivrChoice: '1' }), policy, now: TUESDAY_10AM, code: 'CALLER_LOOKUP_TIMEOUT' });
    expect(decision).toMatchObject({
      contactId: CONTACT_ID,
      phoneE164: CALLER,
      degraded: true,
      caller: { known: false, recordId: '', name: '', ownerId: '' },
      intent: { name: 'sales', confidence: 0.95 },
      value: { score: 0, tier: 'low' },
      route: {
        rule: 'fallback',
        queueArn: queueArn('general'),
        queueName: 'General',
        priority: 5,
        preferredAgentId: '',
        preferredAgentArn: '',
        preferredAgentTimeoutSeconds: 0,
        reason: 'CALLER_LOOKUP_TIMEOUT: The caller lookup did not finish within the routing deadline; fallback route.',
      },
      screenPopRecordId: '',
      whisper: 'Caller details unavailable — sales (IVR 1).',
    });
  });

  it('works for an event that could not be parsed', () => {
    const unparsable = facts({ contactId: '', customerNumber: null, customerNumberStatus: 'missing', dialledNumber: null, initiationMethod: '' });
    expect(fallbackDecision({ facts: unparsable, policy, now: new Date('invalid'), code: 'INVALID_EVENT' })).toMatchObject({
      contactId: '',
      decidedAt: '',
      intent: { name: 'general', confidence: 0.3 },
      route: { queueArn: queueArn('general'), reason: 'INVALID_EVENT: The contact flow event could not be read; fallback route.' },
      whisper: 'Caller details unavailable — general question.',
    });
  });
});
