import { Stack } from 'aws-cdk-lib';
import { CfnContactFlow } from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import type { CallwiseSettings } from '../settings';
import { type ContactFlowContent, flowProblems, InvalidContactFlowError } from './flow-language';
import { inboundFlow, whisperFlow } from './inbound-flow';

/** The sample inbound flow and its agent whisper flow, deployed with `-c deploySampleFlow=true`. */
export class SampleFlow extends Construct {
  readonly inbound: CfnContactFlow;
  readonly whisper: CfnContactFlow;

  constructor(scope: Construct, id: string, props: { settings: CallwiseSettings; routeCallArn: string }) {
    super(scope, id);
    const instanceArn = props.settings.connectInstanceArn;
    this.whisper = new CfnContactFlow(this, 'AgentWhisper', {
      instanceArn,
      name: 'Callwise agent whisper',
      description: 'Reads the Callwise whisper to the agent before the call connects',
      type: 'AGENT_WHISPER',
      state: 'ACTIVE',
      content: this.content('Callwise agent whisper', whisperFlow()),
    });
    this.inbound = new CfnContactFlow(this, 'Inbound', {
      instanceArn,
      name: 'Callwise sample inbound',
      description: 'DTMF menu, route-call, working queue, priority, preferred agent with fallback, whisper',
      type: 'CONTACT_FLOW',
      state: 'ACTIVE',
      content: this.content(
        'Callwise sample inbound',
        inboundFlow({ routeCallArn: props.routeCallArn, whisperFlowArn: this.whisper.attrContactFlowArn, fallbackQueueArn: props.settings.fallbackQueueArn }),
      ),
    });
  }

  private content(name: string, flow: ContactFlowContent): string {
    const problems = flowProblems(flow);
    if (problems.length) throw new InvalidContactFlowError(name, problems);
    return Stack.of(this).toJsonString(flow);
  }
}
