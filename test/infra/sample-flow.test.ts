import { BUNDLED_POLICY } from '../../functions/src/platform/live-policy';
import { ROUTE_RESPONSE_KEYS } from '../../functions/src/domain/routing/route-response';
import { type ContactFlowContent, externalKeysRead, flowProblems, successors } from '../../infra/lib/sample-flow/flow-language';
import { inboundFlow, MENU_CHOICES, whisperFlow } from '../../infra/lib/sample-flow/inbound-flow';
import { DEMO_INSTANCE_ARN } from '../../infra/lib/settings';
import { synthCallwise } from './synth';

const ROUTE_CALL = 'arn:aws:lambda:us-east-1:111122223333:function:callwise-route-call:live';
const WHISPER = `${DEMO_INSTANCE_ARN}/contact-flow/whisper`;
const FALLBACK = `${DEMO_INSTANCE_ARN}/queue/general`;
const flow = inboundFlow({ routeCallArn: ROUTE_CALL, whisperFlowArn: WHISPER, fallbackQueueArn: FALLBACK });
const byId = new Map(flow.Actions.map((a) => [a.Identifier, a]));
const ofType = (type: string) => flow.Actions.filter((a) => a.Type === type);

function reachable(from: string): Set<string> {
  const seen = new Set<string>();
  const pending = [from];
  while (pending.length) {
    const id = pending.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    pending.push(...successors(byId.get(id)!));
  }
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
    expect(read).toEqual(expect.arrayContaining(['targetQueueArn', 'routingPriority', 'preferredAgentArn', 'preferredAgentTimeoutSeconds', 'whisper']));
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
    expect(choice).toMatchObject({ Type: 'UpdateContactAttributes', Parameters: { Attributes: { ivrChoice: digit } }, Transitions: { NextAction: 'route-call' } });
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

  it('offers the call to the preferred agent first, then to the whole queue when the step expires', () => {
    const steps = ofType('UpdateRoutingCriteria').map((a) => (a.Parameters as any).RoutingCriteria.Steps);
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) {
      expect(s).toHaveLength(1);
      expect(s[0].Expression.AttributeCondition.MatchCriteria.AgentsCriteria.AgentIds).toEqual(['$.External.preferredAgentArn']);
      expect(s[0].Expiry.DurationInSeconds).toBeGreaterThan(0);
    }
    // Without a preferred agent the flow goes straight on.
    expect(byId.get('has-preferred-agent')!.Transitions.Errors).toEqual([{ NextAction: 'whisper', ErrorType: 'NoMatchingCondition' }]);
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
    ['an unreachable action', (f) => f.Actions.push({ Identifier: 'orphan', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }), /orphan is never reached/],
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
  it('is absent by default and deployed with deploySampleFlow=true as valid flow JSON', () => {
    expect(Object.keys(synthCallwise().template.findResources('AWS::Connect::ContactFlow'))).toHaveLength(0);
    const { template } = synthCallwise({ deploySampleFlow: 'true' });
    const flows = Object.values(template.findResources('AWS::Connect::ContactFlow')).map((r) => r.Properties);
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
});
