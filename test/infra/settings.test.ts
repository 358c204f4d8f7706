import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV } from '../../functions/src/platform/settings';
import { InvalidSecretReferenceError } from '../../infra/lib/secrets';
import { CONTEXT_DEFAULTS, type ContextKey, DEFAULT_FALLBACK_QUEUE_ARN, InvalidContextError, readSettings } from '../../infra/lib/settings';
import { synthCallwise } from './synth';

const settings = (context: Partial<Record<ContextKey, unknown>> = {}) => readSettings((key) => context[key]);
const DOC = readFileSync(join(__dirname, '..', '..', 'docs', 'deploy-aws.md'), 'utf8');

describe('deployment settings (CDK context)', () => {
  it('has a default for everything, deploying into the demo instance account and region', () => {
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
      deploySampleFlow: false,
      fallbackQueueArn: DEFAULT_FALLBACK_QUEUE_ARN,
      syncSchedule: 'rate(5 minutes)',
      logRetentionDays: 30,
      tableEncryption: 'aws-managed',
    });
    expect(DEFAULT_FALLBACK_QUEUE_ARN).toBe('arn:aws:connect:us-east-1:111122223333:instance/demo-instance/queue/general');
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
    expect(s).toMatchObject({ account: '444455556666', region: 'eu-west-2', provisionedConcurrency: 3, deploySampleFlow: true, alarmEmail: 'ops@example.com', routingDeadlineMs: 1500, logRetentionDays: 90, connectAccessUrl: 'https://acme-contact.my.connect.aws' });
  });

  it.each<[ContextKey, unknown, Partial<Record<ContextKey, unknown>>?]>([
    ['connectInstanceArn', 'demo-instance'],
    ['connectInstanceArn', 'arn:aws:connect:us-east-1:1111:instance/x'],
    ['provisionedConcurrency', '-1'],
    ['provisionedConcurrency', 'two'],
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
    ['fallbackQueueArn', 'arn:aws:connect:us-east-1:111122223333:instance/other/queue/q', { deploySampleFlow: 'true' }],
  ])('rejects %s=%j with a named error that says what to pass', (key, value, extra = {}) => {
    const read = () => settings({ ...extra, [key]: value });
    expect(read).toThrow(InvalidContextError);
    expect(read).toThrow(new RegExp(`${key}=.*-c ${key}=`));
  });

  it('needs a fallback queue of the instance only when the sample flow is deployed', () => {
    const other = { connectInstanceArn: 'arn:aws:connect:eu-west-2:444455556666:instance/abc' };
    expect(settings(other).fallbackQueueArn).toBe(DEFAULT_FALLBACK_QUEUE_ARN);
    expect(() => settings({ ...other, deploySampleFlow: 'true' })).toThrow(/fallbackQueueArn/);
  });

  it.each(Object.entries(CONTEXT_DEFAULTS))('docs/deploy-aws.md documents %s with its default', (key, value) => {
    const row = DOC.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(value === '' ? '(none' : `\`${value}\``);
  });
});

describe('Salesforce secret reference', () => {
  it.each(['arn:aws:s3:::not-a-secret', 'spaces are not allowed'])('rejects %j with a named error', (value) => {
    expect(() => synthCallwise({ salesforceSecretArn: value })).toThrow(InvalidSecretReferenceError);
  });

  it.each([
    ['a complete ARN', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise/sf-AbCdEf', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise/sf-AbCdEf'],
    ['a name', 'callwise/salesforce-jwt', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:us-east-1:111122223333:secret:callwise/salesforce-jwt']] }],
  ])('passes %s to the Lambdas as SALESFORCE_SECRET_ARN', (_name, value, expected) => {
    const { stack, template } = synthCallwise({ salesforceSecretArn: value });
    const env = template.toJSON().Resources[stack.getLogicalId(stack.configSync.function.node.defaultChild as never)].Properties.Environment.Variables;
    expect(env[ENV.salesforceSecretArn]).toEqual(expected);
  });
});
