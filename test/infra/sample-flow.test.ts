import { BUNDLED_POLICY } from '../../functions/src/platform/live-policy';
import { ROUTE_RESPONSE_KEYS } from '../../functions/src/domain/routing/route-response';
import { type ContactFlowContent, externalKeysRead, flowProblems, successors } from '../../infra/lib/sample-flow/flow-language';
import { inboundFlow, MENU_CHOICES, whisperFlow } from '../../infra/lib/sample-flow/inbound-flow';
import { DEMO_INSTANCE_ARN } from '../../infra/lib/settings';
import { fallbackQueueOf, synthCallwise } from './synth';

const ROUTE_CALL = 'arn:aws:lambda:us-east-1:111122223333:function:callwise-route-call:live';
const WHISPER = `${DEMO_INSTANCE_ARN}/contact-flow/whisper`;
const FALLBACK = `${DEMO_INSTANCE_ARN}/queue/general`;
const flow = inboundFlow({ routeCallArn: ROUTE_CALL, whisperFlowArn: WHISPER, fallbackQueueArn: FALLBACK });
const byId = new Map(flow.Actions.map((a) => [a.Identifier, a]));
const ofType = (type: string) => flow.Actions.filter((a) => a.Type === type);

function reachable(from: string): Set<string> {
  return reachableAvoiding(from, '');
}

/** The actions reached from `from` without passing through `avoid`. */
function reachableAvoiding(from: string, avoid: string): Set<string> {
  const seen = new Set<string>([avoid]);
  const pending = [from];
  while (pending.length) {
    const id = pending.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    pending.push(...successors(byId.get(id)!));
  }
  seen.delete(avoid);
  return seen;
}

/** Replaces CloudFormation intrinsics in Fn::Join parts with a value, as CloudFormation would. */
function deployedContent(content: unknown): string {
  if (typeof content === 'string') return content;
  const [, parts] = (content as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return parts.map((p) => (typeof p === 'string' ? p : 'arn:aws:resolved:by:cloudformation')).join('');
}

describe('sample inbound flow', () => {
  it('is wired: every transition leads to an existing action, every action is reached, only disconnect ends', () => {
    expect(flowProblems(flow)).toEqual([]);
    expect(flowProblems(whisperFlow())).toEqual([]);
  });

  it('reads only route-call outputs that exist in the response contract', () => {
    const read = externalKeysRead(flow);
    expect(read.filter((k) => !(ROUTE_RESPONSE_KEYS as readonly string[]).includes(k))).toEqual([]);
    expect(read).toEqual(expect.arrayContaining(['targetQueueArn', 'routingPriority', 'preferredAgentId', 'preferredAgentTimeoutSeconds', 'whisper']));
    expect(read).not.toContain('preferredAgentArn');
  });

  it('offers one digit per IVR choice of the default policy', () => {
    const policyChoices = BUNDLED_POLICY.intents.flatMap((i) => i.signals.ivrChoices).sort();
    expect(MENU_CHOICES.map((c) => c.digit)).toEqual(policyChoices);
    expect(policyChoices.length).toBeGreaterThan(0);
  });

  it.each(MENU_CHOICES.map((c) => [c.digit, c.label]))('menu digit %s (%s) sets ivrChoice, then invokes route-call', (digit) => {
    const menu = byId.get('menu')!;
    const branch = menu.Transitions.Conditions!.find((c) => c.Condition.Operands[0] === digit)!;
    const choice = byId.get(branch.NextAction)!;
    expect(choice).toMatchObject({
      Type: 'UpdateContactAttributes',
      Parameters: { Attributes: { ivrChoice: digit } },
      Transitions: { NextAction: 'route-call' },
    });
  });

  it('invokes the route-call alias for a flat string map within Connect’s 8 s', () => {
    expect(ofType('InvokeLambdaFunction')).toEqual([
      expect.objectContaining({ Parameters: expect.objectContaining({ LambdaFunctionARN: ROUTE_CALL, ResponseValidation: { ResponseType: 'STRING_MAP' } }) }),
    ]);
    expect(Number(ofType('InvokeLambdaFunction')[0]!.Parameters.InvocationTimeLimitSeconds)).toBeLessThanOrEqual(8);
  });

  it('sets the working queue from route-call, with a static priority for each of 1–10', () => {
    expect(byId.get('set-queue')!.Parameters).toEqual({ QueueId: '$.External.targetQueueArn' });
    const priorities = ofType('UpdateContactRoutingBehavior').map((a) => a.Parameters.QueuePriority);
    expect(priorities).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('offers the call to the preferred agent by id first, then to the whole queue when the step expires', () => {
    const steps = ofType('UpdateRoutingCriteria').map((a) => (a.Parameters as any).RoutingCriteria.Steps);
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) {
      expect(s).toHaveLength(1);
      expect(s[0].Expression.AttributeCondition).toEqual({
        ComparisonOperator: 'Match',
        MatchCriteria: { AgentsCriteria: { AgentIds: ['$.External.preferredAgentId'] } },
      });
      expect(s[0].Expiry.DurationInSeconds).toBeGreaterThan(0);
    }
    // A timeout of 0 (no preferred agent) goes straight on to the whisper, before any routing step.
    const wait = byId.get('preferred-agent-wait')!;
    expect(wait.Parameters).toEqual({ ComparisonValue: '$.External.preferredAgentTimeoutSeconds' });
    expect(wait.Transitions.Conditions![0]).toEqual({ NextAction: 'whisper', Condition: { Operator: 'NumberLessOrEqualTo', Operands: ['0'] } });
  });

  it('records both participants with Contact Lens post-contact analytics and redaction before anything can queue the call', () => {
    const [recording, ...others] = ofType('UpdateContactRecordingBehavior');
    expect(others).toEqual([]);
    expect(recording!.Parameters).toEqual({
      RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'] },
      AnalyticsBehavior: {
        Enabled: 'True',
        AnalyticsLanguage: 'en-US',
        AnalyticsRedactionBehavior: 'Enabled',
        AnalyticsRedactionResults: 'RedactedAndOriginal',
        ChannelConfiguration: { Chat: { AnalyticsModes: [] }, Voice: { AnalyticsModes: ['PostContact'] } },
        SummaryConfiguration: { SummaryModes: ['PostContact'] },
      },
    });
    // Every path from the start to a transfer passes it: without it, no transfer is reachable.
    const withoutRecording = reachableAvoiding(flow.StartAction, recording!.Identifier);
    expect(ofType('TransferContactToQueue').filter((t) => withoutRecording.has(t.Identifier))).toEqual([]);
    expect(ofType('TransferContactToQueue').every((t) => reachable(recording!.Identifier).has(t.Identifier))).toBe(true);
  });

  it('hooks the whisper flow and stores the whisper and screen-pop attributes', () => {
    expect(byId.get('whisper')!.Parameters).toEqual({ EventHooks: { AgentWhisper: WHISPER } });
    expect(byId.get('save-route')!.Parameters.Attributes).toMatchObject({ whisper: '$.External.whisper', screenPopRecordId: '$.External.screenPopRecordId' });
    expect(whisperFlow().Actions[0]!.Parameters).toEqual({ Text: '$.Attributes.whisper' });
  });

  it('reaches a queue from every error branch before the fallback queue itself', () => {
    const tail = reachable('fallback-queue');
    const transfers = new Set(ofType('TransferContactToQueue').map((a) => a.Identifier));
    const offenders = flow.Actions.filter((a) => !tail.has(a.Identifier))
      .flatMap((a) => (a.Transitions.Errors ?? []).map((e) => ({ from: a.Identifier, to: e.NextAction })))
      .filter(({ to }) => ![...reachable(to)].some((id) => transfers.has(id)));
    expect(offenders).toEqual([]);
    expect(byId.get('route-call')!.Transitions.Errors).toEqual([{ NextAction: 'fallback-attributes', ErrorType: 'NoMatchingError' }]);
    expect(byId.get('fallback-queue')!.Parameters).toEqual({ QueueId: FALLBACK });
  });

  it.each<[string, (f: ContactFlowContent) => void, RegExp]>([
    ['a transition to a missing action', (f) => (f.Actions[0]!.Transitions.NextAction = 'nowhere'), /leads to missing action nowhere/],
    [
      'an unreachable action',
      (f) => f.Actions.push({ Identifier: 'orphan', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }),
      /orphan is never reached/,
    ],
    ['a dead end', (f) => (byIdOf(f, 'apology').Transitions = {}), /apology \(MessageParticipant\) leads nowhere/],
    ['a duplicate id', (f) => f.Actions.push({ ...f.Actions[0]! }), /duplicate action logging/],
  ])('the wiring check catches %s', (_name, breakIt, problem) => {
    const broken = structuredClone(flow);
    breakIt(broken);
    expect(flowProblems(broken).join('\n')).toMatch(problem);
  });
});

function byIdOf(f: ContactFlowContent, id: string) {
  return f.Actions.find((a) => a.Identifier === id)!;
}

describe('sample flow in the stack', () => {
  const flowsOf = (template: ReturnType<typeof synthCallwise>['template']) => template.findResources('AWS::Connect::ContactFlow');

  it('is absent by default and deployed with deploySampleFlow=true as valid flow JSON', () => {
    expect(Object.keys(flowsOf(synthCallwise().template))).toHaveLength(0);
    const { template } = synthCallwise({ deploySampleFlow: 'true' });
    const flows = Object.values(flowsOf(template)).map((r) => r.Properties);
    expect(flows.map((f) => [f.Type, f.InstanceArn, f.State]).sort()).toEqual([
      ['AGENT_WHISPER', DEMO_INSTANCE_ARN, 'ACTIVE'],
      ['CONTACT_FLOW', DEMO_INSTANCE_ARN, 'ACTIVE'],
    ]);
    for (const f of flows) {
      const content = JSON.parse(deployedContent(f.Content)) as ContactFlowContent;
      expect(content.Version).toBe('2019-10-30');
      expect(flowProblems(content)).toEqual([]);
    }
  });

  const OTHER_INSTANCE = 'arn:aws:connect:eu-west-2:444455556666:instance/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
  const deployed = synthCallwise({
    deploySampleFlow: 'true',
    connectInstanceArn: OTHER_INSTANCE,
    fallbackQueueArn: `${OTHER_INSTANCE}/queue/7a8b9c0d-fallback`,
  });
  const inboundId = deployed.stack.getLogicalId(deployed.stack.sampleFlow!.inbound);
  const inbound = deployed.template.toJSON().Resources[inboundId];
  const content = JSON.parse(deployedContent(inbound.Properties.Content)) as ContactFlowContent;

  it('is created after route-call’s integration association (DependsOn)', () => {
    const association = deployed.stack.getLogicalId(deployed.stack.routing.integration);
    expect(Object.keys(deployed.template.findResources('AWS::Connect::IntegrationAssociation'))).toEqual([association]);
    expect(inbound.DependsOn).toEqual(expect.arrayContaining([association]));
  });

  it('passes the preferred agent id to AgentIds and records with Contact Lens, as deployed', () => {
    const steps = content.Actions.filter((a) => a.Type === 'UpdateRoutingCriteria').map(
      (a) => (a.Parameters as any).RoutingCriteria.Steps[0].Expression.AttributeCondition.MatchCriteria.AgentsCriteria.AgentIds,
    );
    expect(steps.length).toBeGreaterThan(0);
    expect(new Set(steps.map((ids) => JSON.stringify(ids)))).toEqual(new Set([JSON.stringify(['$.External.preferredAgentId'])]));
    expect(content.Actions.find((a) => a.Type === 'UpdateContactRecordingBehavior')?.Parameters).toMatchObject({
      RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'] },
      AnalyticsBehavior: { Enabled: 'True', AnalyticsRedactionBehavior: 'Enabled', ChannelConfiguration: { Voice: { AnalyticsModes: ['PostContact'] } } },
    });
  });

  it('uses the deployment’s queues only: route-call’s answer and the fallback queue of the context, never a demo queue', () => {
    const queues = content.Actions.filter((a) => a.Type === 'UpdateContactTargetQueue').map((a) => a.Parameters.QueueId);
    expect(queues.sort()).toEqual(['$.External.targetQueueArn', `${OTHER_INSTANCE}/queue/7a8b9c0d-fallback`].sort());
    expect(deployedContent(inbound.Properties.Content)).not.toMatch(/demo-instance|111122223333/);
    expect(fallbackQueueOf(OTHER_INSTANCE)).not.toBe(`${OTHER_INSTANCE}/queue/7a8b9c0d-fallback`);
  });
});
