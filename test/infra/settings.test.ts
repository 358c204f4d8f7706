import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV } from '../../functions/src/platform/settings';
import { InvalidSecretReferenceError } from '../../infra/lib/secrets';
import { CONTEXT_DEFAULTS, type ContextKey, InvalidContextError, MissingContextError, readSettings, REQUIRED_CONTEXT_KEYS } from '../../infra/lib/settings';
import { synthCallwise } from './synth';

const DEMO_FALLBACK = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance/queue/fallback-0001';
/** Settings from context; the required fallback queue is given unless the case says otherwise. */
const settings = (context: Partial<Record<ContextKey, unknown>> = {}) => readSettings((key) => ({ fallbackQueueArn: DEMO_FALLBACK, ...context })[key]);
const DOC = readFileSync(join(__dirname, '..', '..', 'docs', 'deploy-aws.md'), 'utf8');

describe('deployment settings (CDK context)', () => {
  it('has a default for everything but the fallback queue, deploying into the demo instance account and region', () => {
    expect(settings()).toEqual({
      connectInstanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance',
      account: '111122223333',
      region: 'us-east-1',
      salesforceSecret: CONTEXT_DEFAULTS.salesforceSecretArn,
      salesforcePersonAccounts: false,
      contactLensBucketName: 'amazon-connect-demo-bucket',
      contactLensPrefix: 'Analysis/Voice/',
      contactLensOutput: 'redacted',
      provisionedConcurrency: 0,
      routeCallReservedConcurrency: 100,
      salesforceLookupQuotaPercent: 80,
      deploySampleFlow: false,
      fallbackQueueArn: DEMO_FALLBACK,
      syncSchedule: 'rate(5 minutes)',
      logRetentionDays: 30,
      tableEncryption: 'aws-managed',
    });
  });

  it.each([undefined, '', '  '])('requires fallbackQueueArn (given %j), naming the key and what to pass', (value) => {
    const read = () => readSettings((key) => (key === 'fallbackQueueArn' ? value : undefined));
    expect(read).toThrow(MissingContextError);
    expect(read).toThrow(
      'Context key fallbackQueueArn is required: the queue every fallback in AWS uses: a queue ARN of the instance, <connectInstanceArn>/queue/<queue-id>. Pass it with -c fallbackQueueArn=... (see docs/deploy-aws.md).',
    );
  });

  it('reads -c strings and takes account and region from the instance ARN', () => {
    const s = settings({
      connectInstanceArn: 'arn:aws:connect:eu-west-2:444455556666:instance/0f1e2d3c-4b5a',
      provisionedConcurrency: '3',
      deploySampleFlow: 'true',
      fallbackQueueArn: 'arn:aws:connect:eu-west-2:444455556666:instance/0f1e2d3c-4b5a/queue/7a8b9c',
      alarmEmail: 'ops@example.com',
      routingDeadlineMs: '1500',
      logRetentionDays: 90,
      syncSchedule: 'cron(0/10 * * * ? *)',
      connectAccessUrl: 'https://acme-contact.my.connect.aws',
    });
    expect(s).toMatchObject({
      account: '444455556666',
      region: 'eu-west-2',
      provisionedConcurrency: 3,
      deploySampleFlow: true,
      alarmEmail: 'ops@example.com',
      routingDeadlineMs: 1500,
      logRetentionDays: 90,
      connectAccessUrl: 'https://acme-contact.my.connect.aws',
    });
  });

  it.each<[ContextKey, unknown, Partial<Record<ContextKey, unknown>>?]>([
    ['connectInstanceArn', 'demo-instance'],
    ['connectInstanceArn', 'arn:aws:connect:us-east-1:1111:instance/x'],
    ['provisionedConcurrency', '-1'],
    ['provisionedConcurrency', 'two'],
    ['provisionedConcurrency', '101'],
    ['provisionedConcurrency', '6', { routeCallReservedConcurrency: '5' }],
    ['routeCallReservedConcurrency', '0'],
    ['routeCallReservedConcurrency', '2.5'],
    ['routeCallReservedConcurrency', 'many'],
    ['salesforceLookupQuotaPercent', '0'],
    ['salesforceLookupQuotaPercent', '101'],
    ['deploySampleFlow', 'yes'],
    ['salesforcePersonAccounts', '1'],
    ['logRetentionDays', '31'],
    ['routingDeadlineMs', '9000'],
    ['syncSchedule', 'every 5 minutes'],
    ['contactLensBucketName', 'Not_A_Bucket'],
    ['contactLensPrefix', '/Analysis/*'],
    ['contactLensOutput', 'both'],
    ['connectAccessUrl', 'http://acme.my.connect.aws'],
    ['contactLensKeyArn', 'alias/aws/s3'],
    ['alarmEmail', 'ops'],
    ['tableEncryption', 'none'],
    ['fallbackQueueArn', 'arn:aws:connect:us-east-1:111122223333:instance/other/queue/q'],
    ['fallbackQueueArn', 'general'],
    ['fallbackQueueArn', 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance/agent/a'],
  ])('rejects %s=%j with a named error that says what to pass', (key, value, extra = {}) => {
    const read = () => settings({ ...extra, [key]: value });
    expect(read).toThrow(InvalidContextError);
    expect(read).toThrow(new RegExp(`${key}=.*-c ${key}=`));
  });

  it('needs the fallback queue to be a queue of the instance, with or without the sample flow', () => {
    const other = { connectInstanceArn: 'arn:aws:connect:eu-west-2:444455556666:instance/abc' };
    expect(() => settings(other)).toThrow(
      /fallbackQueueArn=.*a queue ARN of the instance \(arn:aws:connect:eu-west-2:444455556666:instance\/abc\/queue\/<id>\)/,
    );
    expect(settings({ ...other, fallbackQueueArn: `${other.connectInstanceArn}/queue/q-1` }).fallbackQueueArn).toBe(`${other.connectInstanceArn}/queue/q-1`);
  });

  it.each(Object.entries(CONTEXT_DEFAULTS))('docs/deploy-aws.md documents %s with its default', (key, value) => {
    const row = DOC.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(value === '' ? '(none' : `\`${value}\``);
  });

  it.each(Object.keys(REQUIRED_CONTEXT_KEYS))('docs/deploy-aws.md documents %s as required', (key) => {
    expect(DOC.split('\n').find((line) => line.startsWith(`| \`${key}\` |`))).toContain('(required)');
  });
});

describe('Salesforce secret reference', () => {
  it.each(['arn:aws:s3:::not-a-secret', 'spaces are not allowed'])('rejects %j with a named error', (value) => {
    expect(() => synthCallwise({ salesforceSecretArn: value })).toThrow(InvalidSecretReferenceError);
  });

  it.each([
    [
      'a complete ARN',
      'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise/sf-AbCdEf',
      'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise/sf-AbCdEf',
    ],
    [
      'a name',
      'callwise/salesforce-jwt',
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:us-east-1:111122223333:secret:callwise/salesforce-jwt']] },
    ],
  ])('passes %s to the Lambdas as SALESFORCE_SECRET_ARN', (_name, value, expected) => {
    const { stack, template } = synthCallwise({ salesforceSecretArn: value });
    const env = template.toJSON().Resources[stack.getLogicalId(stack.configSync.function.node.defaultChild as never)].Properties.Environment.Variables;
    expect(env[ENV.salesforceSecretArn]).toEqual(expected);
  });
});
