import { Stack } from 'aws-cdk-lib';
import { CfnContactFlow, type CfnIntegrationAssociation } from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import type { CallwiseSettings } from '../settings';
import { type ContactFlowContent, flowProblems, InvalidContactFlowError } from './flow-language';
import { inboundFlow, whisperFlow } from './inbound-flow';

export interface SampleFlowProps {
  settings: CallwiseSettings;
  /** route-call's alias and its association with the instance (the flow invokes the alias). */
  routeCall: { arn: string; integration: CfnIntegrationAssociation };
}

/**
 * The sample inbound flow and its agent whisper flow, deployed with `-c deploySampleFlow=true`.
 * Queues come from the deployment: route-call's answer (the synced policy) and the fallback queue
 * of the context; never the demo policy's.
 */
export class SampleFlow extends Construct {
  readonly inbound: CfnContactFlow;
  readonly whisper: CfnContactFlow;

  constructor(scope: Construct, id: string, props: SampleFlowProps) {
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
      description: 'Recording and Contact Lens, DTMF menu, route-call, working queue, priority, preferred agent with fallback, whisper',
      type: 'CONTACT_FLOW',
      state: 'ACTIVE',
      content: this.content(
        'Callwise sample inbound',
        inboundFlow({ routeCallArn: props.routeCall.arn, whisperFlowArn: this.whisper.attrContactFlowArn, fallbackQueueArn: props.settings.fallbackQueueArn }),
      ),
    });
    // Connect refuses a flow that invokes a Lambda not yet associated with the instance.
    this.inbound.addResourceDependency(props.routeCall.integration);
  }

  private content(name: string, flow: ContactFlowContent): string {
    const problems = flowProblems(flow);
    if (problems.length) throw new InvalidContactFlowError(name, problems);
    return Stack.of(this).toJsonString(flow);
  }
}
