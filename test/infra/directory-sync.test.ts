import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { DEFAULT_MAX_RECEIVES } from '../../functions/src/platform/settings';
import { InvalidContextError } from '../../infra/lib/settings';
import { synthCallwise } from './synth';

const SOURCE = 'aws.partner/salesforce.com/00DRM000000Fxts2AC/0YLRM0000004Dfg4AE';

// Two synths: with the relay's partner event source, and without (the demo default).
const relayed = synthCallwise({ eventRelaySourceName: SOURCE });
const plain = synthCallwise();
const logicalId = (s: typeof relayed, c: { node: { defaultChild?: unknown } }) => s.stack.getLogicalId(c.node.defaultChild as never);

describe('directory sync in the stack', () => {
  it('creates the partner event bus for the relay source and sends only the directory’s change events to the sync queue, with a dead-letter queue on the target', () => {
    const { template, stack } = relayed;
    template.hasResourceProperties('AWS::Events::EventBus', { Name: SOURCE, EventSourceName: SOURCE });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: logicalId(relayed, stack.directorySync.bus!) },
      EventPattern: {
        source: [SOURCE],
        'detail-type': ['ContactChangeEvent', 'LeadChangeEvent', 'AccountChangeEvent', 'CaseChangeEvent', 'OpportunityChangeEvent'],
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(relayed, stack.directorySync.consumer.queue), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(relayed, stack.directorySync.deadLetterQueue), 'Arn'] } },
        }),
      ],
    });
  });

  it('feeds directory-sync from an encrypted queue with partial batch responses, parking after the last receive', () => {
    const { template, stack } = relayed;
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(relayed, stack.directorySync.deadLetterQueue), 'Arn'] },
        maxReceiveCount: DEFAULT_MAX_RECEIVES,
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(relayed, stack.directorySync.function) },
      EventSourceArn: { 'Fn::GetAtt': [logicalId(relayed, stack.directorySync.consumer.queue), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
  });

  it('runs reconcile every 15 minutes, one run at a time', () => {
    const { template, stack } = relayed;
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Callwise reconcile-directory:'),
      ReservedConcurrentExecutions: 1,
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(relayed, stack.directorySync.reconcile), 'Arn'] } })],
    });
  });

  it('alarms when change events are parked', () => {
    relayed.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^Salesforce change events are parked in the directory dead-letter queue'),
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(relayed, relayed.stack.directorySync.deadLetterQueue), 'QueueName'] } }],
      Threshold: 0,
    });
  });

  it('without eventRelaySourceName: no bus and no relay rule, the sync queue and reconcile still deploy, and synth says why', () => {
    const { template, stack } = plain;
    template.resourceCountIs('AWS::Events::EventBus', 0);
    expect(stack.directorySync.rule).toBeUndefined();
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)' });
    Annotations.fromStack(stack).hasWarning('/Callwise/DirectorySync', Match.stringLikeRegexp('^No eventRelaySourceName: no Event Relay bus or rule'));
  });

  it.each([
    'aws.partner/salesforce.com/00DRM000000Fxts2AC',
    'aws.partner/example.com/00DRM000000Fxts2AC/0YLRM0000004Dfg4AE',
    'arn:aws:events:us-east-1::event-source/aws.partner/salesforce.com/00DRM000000Fxts2AC/0YLRM0000004Dfg4AE',
  ])('refuses eventRelaySourceName %s, naming the expected form', (value) => {
    expect(() => synthCallwise({ eventRelaySourceName: value })).toThrow(InvalidContextError);
    expect(() => synthCallwise({ eventRelaySourceName: value })).toThrow('aws.partner/salesforce.com/<orgId>/<channelId>');
  });
});
