import defaultPolicyJson from '../../../config/default-policy.json';
import { validatePolicy } from '../../../functions/src/domain/policy/policy';

/**
 * The bundled policy. Cache TTLs: profileTtlSeconds is one day, so a caller who rings again within a
 * day never costs a Salesforce request, and an edit to their record shows up in routing within a day;
 * unknown numbers are re-checked after five minutes (negativeTtlSeconds) so a new lead is found quickly.
 */
const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance';

function loadPolicy() {
  const result = validatePolicy(defaultPolicyJson);
  if (!result.ok) throw new Error(`default policy is invalid:\n${result.errors.join('\n')}`);
  return result.policy;
}

describe('config/default-policy.json', () => {
  const policy = loadPolicy();

  it('validates with RoutingPolicySchema', () => {
    expect(validatePolicy(defaultPolicyJson)).toMatchObject({ ok: true });
  });

  it.each(['sales', 'support', 'billing', 'renewals', 'vip', 'after-hours', 'general'])('has the %s queue with its demo ARN', (key) => {
    expect(policy.queues[key]?.arn).toBe(`${INSTANCE}/queue/${key}`);
  });

  it('overflows support to general when 10 wait or the oldest waited 180 s', () => {
    expect(policy.queues.support?.overflow).toEqual({ whenContactsInQueueAtLeast: 10, whenOldestContactAgeSecondsAtLeast: 180, toQueue: 'general' });
  });

  it.each([
    ['sales', '1', 'BuyProduct', '+18005550100', 'lateStageOpportunity'],
    ['support', '2', 'ReportProblem', '+18005550101', 'openCase'],
    ['billing', '3', 'PayBill', '+18005550102', 'overdueInvoice'],
    ['renewal', '4', 'RenewContract', undefined, 'renewalDue'],
  ])('intent %s: IVR %s, Lex %s, dialled %s, CRM %s', (name, ivr, lex, dialled, crm) => {
    const intent = policy.intents.find((i) => i.name === name);
    expect(intent?.signals.ivrChoices).toEqual([ivr]);
    expect(intent?.signals.lexIntents).toEqual([lex]);
    expect(intent?.signals.dialledNumbers).toEqual(dialled ? [dialled] : []);
    expect(intent?.signals.crm).toEqual([crm]);
  });

  it('defaults to the general intent and falls back to general at priority 5', () => {
    expect(policy.defaultIntent).toBe('general');
    expect(policy.fallback).toMatchObject({ queue: 'general', priority: 5 });
  });

  it('maps the 20 demo Salesforce users to the 20 demo agents', () => {
    expect(policy.agents).toHaveLength(20);
    policy.agents.forEach((agent, i) => {
      const n = String(i + 1);
      expect(agent.salesforceUserId).toBe(`005Dm0000000${n.padStart(3, '0')}AAA`);
      expect(agent.salesforceUserId).toHaveLength(18);
      expect(agent.agentId).toBe(`agent-0${n.padStart(2, '0')}`);
    });
  });

  it('orders the rules as the routing design says, ending with a catch-all', () => {
    expect(policy.rules.map((r) => r.name)).toEqual([
      'vip',
      'after-hours',
      'unknown-caller',
      'renewal',
      'sales-late-stage',
      'support',
      'billing',
      'sales',
      'catch-all',
    ]);
    expect(policy.rules.at(-1)?.when).toEqual({});
    expect(policy.rules[0]?.then).toEqual({ queue: 'vip', priority: 1, preferredAgent: 'owner', preferredAgentTimeoutSeconds: 20 });
  });

  it('weighs Account tiers and has the vip/high/medium/low tiers', () => {
    expect(Object.keys(policy.value.accountTierPoints)).toEqual(['Platinum', 'Gold', 'Silver', 'Bronze']);
    expect(policy.value.tiers.map((t) => t.name)).toEqual(['vip', 'high', 'medium', 'low']);
  });

  it('keeps a day of profiles, five minutes of unknown numbers, and answers within 2 s', () => {
    expect(policy.timezone).toBe('America/New_York');
    expect(policy.businessHours).toMatchObject({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '08:00', close: '18:00' });
    expect(policy.timing).toEqual({
      deadlineMs: 2000,
      profileTtlSeconds: 86400,
      negativeTtlSeconds: 300,
      queueStatusTtlSeconds: 10,
      fcrWindowDays: 7,
      policyRefreshSeconds: 60,
    });
  });
});
