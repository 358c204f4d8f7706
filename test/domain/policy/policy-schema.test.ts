import { validatePolicy } from '../../../functions/src/domain/policy/policy';

const minimal = {
  version: '1',
  timezone: 'America/New_York',
  businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '08:00', close: '18:00' },
  queues: { support: { arn: 'arn:aws:connect:us-east-1:111122223333:instance/x/queue/support', name: 'Support' } },
  intents: [{ name: 'support', signals: { ivrChoices: ['2'] }, whisperLabel: 'support request' }],
  defaultIntent: 'support',
  value: { tiers: [{ name: 'Standard', minScore: 0 }] },
  rules: [{ name: 'support', when: { intents: ['support'] }, then: { queue: 'support', priority: 5 } }],
  fallback: { queue: 'support', priority: 5 },
};

describe('routing policy schema', () => {
  it('accepts a minimal policy and fills defaults', () => {
    const result = validatePolicy(minimal);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.policy.timing.deadlineMs).toBe(2000);
      expect(result.policy.defaultCountry).toBe('US');
    }
  });

  it("keeps a rule's CRM-signal condition", () => {
    const rules = [{ name: 'hot', when: { crmSignals: ['lateStageOpportunity'] }, then: { queue: 'support', priority: 2 } }];
    const result = validatePolicy({ ...minimal, rules });
    expect(result.ok && result.policy.rules[0]?.when.crmSignals).toEqual(['lateStageOpportunity']);
  });

  it.each([
    [{ ...minimal, rules: [{ name: 'x', then: { queue: 'nope', priority: 5 } }] }, 'rules.0.then.queue: unknown queue "nope"'],
    [{ ...minimal, rules: [{ name: 'x', when: { crmSignals: ['vipCustomer'] }, then: { queue: 'support', priority: 5 } }] }, 'rules.0.when.crmSignals.0'],
    [{ ...minimal, fallback: { queue: 'support', priority: 11 } }, 'fallback.priority'],
    [{ ...minimal, timezone: 'Mars/Olympus' }, 'timezone: unknown IANA time zone'],
    [{ ...minimal, defaultIntent: 'sales' }, 'defaultIntent: unknown intent "sales"'],
    [{ ...minimal, businessHours: { ...minimal.businessHours, open: '8am' } }, 'businessHours.open: expected HH:MM'],
  ])('rejects a broken policy and names the path (%#)', (input, expected) => {
    const result = validatePolicy(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(expected);
  });
});

describe('agents: Salesforce users mapped to Connect agents by id', () => {
  const USER = '005Dm0000000001AAA';
  const agentsOf = (agents: unknown[]) => {
    const result = validatePolicy({ ...minimal, agents });
    return result.ok ? result.policy.agents : result.errors;
  };

  it.each([
    ['an id as it is', { salesforceUserId: USER, agentId: '7c4a9f1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b' }],
    [
      'an agent ARN reduced to its id',
      { salesforceUserId: USER, agentId: 'arn:aws:connect:eu-west-2:444455556666:instance/0f1e2d3c/agent/7c4a9f1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b' },
    ],
    [
      'the agentArn of policies written before ids, reduced to its id',
      { salesforceUserId: USER, agentArn: 'arn:aws:connect:eu-west-2:444455556666:instance/0f1e2d3c/agent/7c4a9f1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b' },
    ],
  ])('takes %s', (_case, agent) => {
    expect(agentsOf([agent])).toEqual([{ salesforceUserId: USER, agentId: '7c4a9f1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b', name: '' }]);
  });

  it.each([
    ['a queue ARN', 'arn:aws:connect:eu-west-2:444455556666:instance/0f1e2d3c/queue/7c4a9f1e'],
    ['text with spaces', 'Pat Lee'],
  ])('refuses %s as an agent, naming the field', (_case, agentId) => {
    expect(agentsOf([{ salesforceUserId: USER, agentId }])).toEqual([expect.stringMatching(/^agents\.0\.agentId: expected a Connect agent \(user\) id/)]);
  });
});
