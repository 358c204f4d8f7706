import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createCallwiseApp } from '../../infra/lib/callwise-app';
import { nagAcknowledgements } from '../../infra/lib/nag-acknowledgements';
import { fallbackQueueOf, synthCallwise } from './synth';

const findings = (app: Parameters<AwsSolutionsChecks['validateScope']>[0]) =>
  new AwsSolutionsChecks(app).validateScope(app).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));

const VARIANTS: [string, Record<string, string>][] = [
  ['defaults', {}],
  [
    'every option on',
    {
      deploySampleFlow: 'true',
      provisionedConcurrency: '2',
      alarmEmail: 'contact-centre-ops@example.com',
      tableEncryption: 'customer-managed',
      contactLensKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      routingDeadlineMs: '1500',
      salesforcePersonAccounts: 'true',
      eventRelaySourceName: 'aws.partner/salesforce.com/00DRM000000Fxts2AC/0YLRM0000004Dfg4AE',
    },
  ],
  ['a secret referenced by name', { salesforceSecretArn: 'callwise/salesforce-jwt' }],
  ['a secret referenced by partial ARN', { salesforceSecretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise/salesforce-jwt' }],
  [
    'another instance, bucket and prefix',
    {
      connectInstanceArn: 'arn:aws:connect:eu-west-2:444455556666:instance/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      contactLensBucketName: 'acme-connect-eu',
      contactLensPrefix: 'connect/acme/Analysis/Voice/',
    },
  ],
  ['the original Contact Lens files imported', { contactLensOutput: 'original' }],
];

describe('cdk-nag AwsSolutions', () => {
  it.each(VARIANTS)('%s: no unacknowledged finding, no CDK warning but a missing relay source', (_name, context) => {
    const { app, stack } = synthCallwise(context);
    expect(findings(app)).toEqual([]);
    const annotations = Annotations.fromStack(stack);
    const messages = [...annotations.findWarning('*', Match.anyValue()), ...annotations.findError('*', Match.anyValue())].map(
      (m) => `${m.id}: ${String(m.entry.data)}`,
    );
    // Without eventRelaySourceName the stack deploys without the relay bus, and says so (directory-sync.test.ts).
    expect(messages).toEqual(context.eventRelaySourceName ? [] : [expect.stringMatching(/^\/Callwise\/DirectorySync: No eventRelaySourceName:/)]);
  });

  it('still reports what is not acknowledged', () => {
    const { app, stack } = synthCallwise();
    new Queue(stack, 'Unencrypted', { encryption: undefined });
    expect(findings(app)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AwsSolutions-SQS3 at Callwise\/Unencrypted/),
        expect.stringMatching(/^AwsSolutions-SQS4 at Callwise\/Unencrypted/),
      ]),
    );
  });

  it('gives every acknowledgement a reason', () => {
    const { stack } = synthCallwise({ salesforceSecretArn: 'callwise/salesforce-jwt' });
    const acks = nagAcknowledgements(stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(40);
  });

  it.each([
    ['succeeds', false],
    ['fails on an unacknowledged finding', true],
  ])('with the cdk-nag plugin registered, as in `cdk synth`, synth %s', (_name, addNakedQueue) => {
    // CDK's built-in CloudFormation validation (seconds per synth) runs in `npm run synth`.
    const { app, stack } = createCallwiseApp({
      context: { 'aws:cdk:bundling-stacks': [], deploySampleFlow: 'true', fallbackQueueArn: fallbackQueueOf() },
      builtinCloudFormationValidation: false,
    });
    if (addNakedQueue) new Queue(stack, 'Unencrypted');
    if (addNakedQueue) expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
    else expect(() => app.synth()).not.toThrow();
  });
});
