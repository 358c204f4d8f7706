import { fallbackOnlyPolicy, queuesOutsideInstance, RoutingPolicySchema } from '../../../functions/src/domain/policy/policy';
import { policy } from '../routing/fixtures';

const ACME = 'arn:aws:connect:eu-west-2:444455556666:instance/acme';

describe('fallbackOnlyPolicy', () => {
  const fallback = fallbackOnlyPolicy(policy, `${ACME}/queue/q-fallback`);

  it('keeps one queue, the deployment’s, under the fallback key, one catch-all rule to it and no demo agents', () => {
    expect(fallback.queues).toEqual({ general: { arn: `${ACME}/queue/q-fallback`, name: 'General' } });
    expect(fallback.rules).toEqual([
      { name: 'fallback', when: {}, then: { queue: 'general', priority: 5, preferredAgent: 'none', preferredAgentTimeoutSeconds: 0 } },
    ]);
    expect(fallback.agents).toEqual([]);
    expect(fallback.intents).toBe(policy.intents);
  });

  it('is a valid policy', () => {
    expect(RoutingPolicySchema.parse(fallback)).toEqual(fallback);
  });
});

describe('queuesOutsideInstance', () => {
  it('names the queues whose ARN is not a queue of the instance', () => {
    const mixed = {
      ...policy,
      queues: {
        ours: { arn: `${ACME}/queue/q-1`, name: 'Ours' },
        demo: { arn: policy.queues.general!.arn, name: 'Demo' },
        bare: { arn: 'q-2', name: 'Bare' },
        agent: { arn: `${ACME}/agent/a-1`, name: 'Agent' },
      },
    };
    expect(queuesOutsideInstance(mixed, ACME)).toEqual([
      {
        key: 'demo',
        arn: 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance/queue/general',
        instanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance',
      },
      { key: 'bare', arn: 'q-2', instanceArn: undefined },
      { key: 'agent', arn: `${ACME}/agent/a-1`, instanceArn: ACME },
    ]);
    expect(queuesOutsideInstance(policy, 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance')).toEqual([]);
  });
});
