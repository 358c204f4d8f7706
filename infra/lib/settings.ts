import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * The deployment settings, read from CDK context (`-c key=value` or cdk.json), each with its default.
 * docs/deploy-aws.md lists the same keys; a test keeps the two in step.
 */
export interface CallwiseSettings {
  /** The existing Amazon Connect instance; the stack deploys into its account and region. */
  connectInstanceArn: string;
  /** The instance's access URL (https://<alias>.my.connect.aws): Call Tasks link to each contact's page there. */
  connectAccessUrl?: string;
  account: string;
  region: string;
  /** Secrets Manager secret holding the Salesforce JWT credentials: a complete ARN, a partial ARN or a name. */
  salesforceSecret: string;
  /** The org has Person Accounts: route-call searches their phone fields too. */
  salesforcePersonAccounts: boolean;
  contactLensBucketName: string;
  contactLensPrefix: string;
  /** With redaction on, Contact Lens writes two files per contact; import only this one (default redacted). */
  contactLensOutput: 'redacted' | 'original';
  /** Customer-managed KMS key of the Contact Lens bucket, if any (import-analysis may decrypt through S3). */
  contactLensKeyArn?: string;
  /** Provisioned concurrency on route-call's `live` alias; 0 = none. */
  provisionedConcurrency: number;
  /** Reserved concurrency of route-call: a call flood cannot take more containers (nor more Salesforce sign-ins) than this. */
  routeCallReservedConcurrency: number;
  /** route-call pauses live Salesforce lookups at this percent of the org's daily API limit; the API-usage alarm fires there too. */
  salesforceLookupQuotaPercent: number;
  deploySampleFlow: boolean;
  /**
   * The deployment's fallback queue, a queue of the instance: route-call's fallback before the first
   * policy sync, when the policy cannot be read and on internal errors; the sample flow's when
   * route-call or a transfer fails.
   */
  fallbackQueueArn: string;
  alarmEmail?: string;
  /**
   * The partner event source Salesforce Event Relay created (`aws.partner/salesforce.com/<orgId>/<channelId>`,
   * EventRelayFeedback.RemoteResource): the caller directory's change events arrive on its bus. Without it the
   * directory is kept current by the scheduled reconcile only.
   */
  eventRelaySourceName?: string;
  /** Overrides the routing policy's deadline (ms); undefined = the policy's own. */
  routingDeadlineMs?: number;
  syncSchedule: string;
  logRetentionDays: RetentionDays;
  tableEncryption: 'aws-managed' | 'customer-managed';
}

export const DEMO_INSTANCE_ARN = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance';

/** Context keys without a default: synth stops, naming the key, when one is not given. */
export const REQUIRED_CONTEXT_KEYS = {
  fallbackQueueArn: 'the queue every fallback in AWS uses: a queue ARN of the instance, <connectInstanceArn>/queue/<queue-id>',
} as const;

/** Every optional context key with its default, as documented. */
export const CONTEXT_DEFAULTS = {
  connectInstanceArn: DEMO_INSTANCE_ARN,
  connectAccessUrl: '',
  salesforceSecretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise/salesforce-jwt-AbCdEf',
  salesforcePersonAccounts: 'false',
  contactLensBucketName: 'amazon-connect-demo-bucket',
  contactLensPrefix: 'Analysis/Voice/',
  contactLensOutput: 'redacted',
  contactLensKeyArn: '',
  provisionedConcurrency: '0',
  routeCallReservedConcurrency: '100',
  salesforceLookupQuotaPercent: '80',
  deploySampleFlow: 'false',
  alarmEmail: '',
  eventRelaySourceName: '',
  routingDeadlineMs: '',
  syncSchedule: 'rate(5 minutes)',
  logRetentionDays: '30',
  tableEncryption: 'aws-managed',
} as const;

export type ContextKey = keyof typeof CONTEXT_DEFAULTS | keyof typeof REQUIRED_CONTEXT_KEYS;

export class InvalidContextError extends Error {
  constructor(key: string, value: unknown, expected: string) {
    super(`Context value ${key}=${JSON.stringify(value)} is not valid: expected ${expected}. Pass it with -c ${key}=... (see docs/deploy-aws.md).`);
    this.name = 'InvalidContextError';
  }
}

export class MissingContextError extends InvalidContextError {
  constructor(key: keyof typeof REQUIRED_CONTEXT_KEYS) {
    super(key, '', REQUIRED_CONTEXT_KEYS[key]);
    this.message = `Context key ${key} is required: ${REQUIRED_CONTEXT_KEYS[key]}. Pass it with -c ${key}=... (see docs/deploy-aws.md).`;
    this.name = 'MissingContextError';
  }
}

const INSTANCE_ARN = /^arn:(aws[-a-z]*):connect:([a-z0-9-]+):(\d{12}):instance\/([-a-zA-Z0-9]+)$/;
const QUEUE_ARN = /^arn:aws[-a-z]*:connect:[a-z0-9-]+:\d{12}:instance\/[-a-zA-Z0-9]+\/queue\/[-a-zA-Z0-9_]+$/;
const SCHEDULE = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^)]+\))$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const KMS_KEY_ARN = /^arn:aws[-a-z]*:kms:[a-z0-9-]+:\d{12}:key\/[-a-f0-9]+$/;
const RELAY_SOURCE = /^aws\.partner\/salesforce\.com\/00D[a-zA-Z0-9]{12,15}\/0YL[a-zA-Z0-9]{12,15}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ACCESS_URL = /^https:\/\/[a-z0-9][a-z0-9.-]*[a-z0-9](\/connect)?$/;
const RETENTIONS = new Set(Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'));

/** The fallback queue must be a queue of the instance: a queue elsewhere does not exist for its calls. */
function fallbackQueue(value: string, instanceArn: string): string {
  if (!QUEUE_ARN.test(value) || !value.startsWith(`${instanceArn}/queue/`)) {
    throw new InvalidContextError('fallbackQueueArn', value, `a queue ARN of the instance (${instanceArn}/queue/<id>)`);
  }
  return value;
}

/** Provisioned concurrency runs inside the reserved concurrency: it cannot be larger. */
function routeCallConcurrency(provisioned: number, reserved: number): Pick<CallwiseSettings, 'provisionedConcurrency' | 'routeCallReservedConcurrency'> {
  if (provisioned > reserved)
    throw new InvalidContextError('provisionedConcurrency', String(provisioned), `at most routeCallReservedConcurrency (${reserved})`);
  return { provisionedConcurrency: provisioned, routeCallReservedConcurrency: reserved };
}

/** Reads and validates the settings; `context(key)` is usually `app.node.tryGetContext`. */
export function readSettings(context: (key: ContextKey) => unknown): CallwiseSettings {
  const raw = (key: ContextKey): string => {
    const value = context(key);
    if (value !== undefined && value !== null && String(value).trim() !== '') return String(value).trim();
    if (key in REQUIRED_CONTEXT_KEYS) throw new MissingContextError(key as keyof typeof REQUIRED_CONTEXT_KEYS);
    return value === undefined || value === null ? CONTEXT_DEFAULTS[key as keyof typeof CONTEXT_DEFAULTS] : '';
  };
  const instanceArn = raw('connectInstanceArn');
  const instance = INSTANCE_ARN.exec(instanceArn);
  if (!instance) throw new InvalidContextError('connectInstanceArn', instanceArn, 'arn:aws:connect:<region>:<account>:instance/<id>');

  const int = (key: ContextKey, min: number, max: number): number => {
    const text = raw(key);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) throw new InvalidContextError(key, text, `an integer from ${min} to ${max}`);
    return value;
  };
  const matching = (key: ContextKey, pattern: RegExp, expected: string): string => {
    const value = raw(key);
    if (!pattern.test(value)) throw new InvalidContextError(key, value, expected);
    return value;
  };

  const flag = (key: ContextKey): boolean => {
    const value = raw(key);
    if (value !== 'true' && value !== 'false') throw new InvalidContextError(key, value, 'true or false');
    return value === 'true';
  };
  const retention = int('logRetentionDays', 1, 9999);
  if (!RETENTIONS.has(retention)) throw new InvalidContextError('logRetentionDays', retention, `one of ${[...RETENTIONS].join(', ')}`);
  const encryption = raw('tableEncryption');
  if (encryption !== 'aws-managed' && encryption !== 'customer-managed')
    throw new InvalidContextError('tableEncryption', encryption, 'aws-managed or customer-managed');
  const secret = raw('salesforceSecretArn');
  if (!secret) throw new InvalidContextError('salesforceSecretArn', secret, 'the ARN or name of an existing Secrets Manager secret');
  const prefix = raw('contactLensPrefix');
  if (prefix.startsWith('/') || prefix.includes('*'))
    throw new InvalidContextError(
      'contactLensPrefix',
      prefix,
      'the S3 key prefix of voice analysis files, such as Analysis/Voice/ (no leading slash, no wildcard)',
    );

  const output = raw('contactLensOutput');
  if (output !== 'redacted' && output !== 'original') throw new InvalidContextError('contactLensOutput', output, 'redacted or original');

  return {
    connectInstanceArn: instanceArn,
    ...(raw('connectAccessUrl')
      ? { connectAccessUrl: matching('connectAccessUrl', ACCESS_URL, 'the instance access URL, https://<alias>.my.connect.aws (no trailing slash)') }
      : {}),
    region: instance[2]!,
    account: instance[3]!,
    salesforceSecret: secret,
    salesforcePersonAccounts: flag('salesforcePersonAccounts'),
    contactLensBucketName: matching('contactLensBucketName', BUCKET, 'an S3 bucket name'),
    contactLensPrefix: prefix,
    contactLensOutput: output,
    ...(raw('contactLensKeyArn') ? { contactLensKeyArn: matching('contactLensKeyArn', KMS_KEY_ARN, 'a KMS key ARN') } : {}),
    ...routeCallConcurrency(int('provisionedConcurrency', 0, 1000), int('routeCallReservedConcurrency', 1, 10_000)),
    salesforceLookupQuotaPercent: int('salesforceLookupQuotaPercent', 1, 100),
    deploySampleFlow: flag('deploySampleFlow'),
    fallbackQueueArn: fallbackQueue(raw('fallbackQueueArn'), instanceArn),
    ...(raw('alarmEmail') ? { alarmEmail: matching('alarmEmail', EMAIL, 'an e-mail address') } : {}),
    ...(raw('eventRelaySourceName')
      ? {
          eventRelaySourceName: matching(
            'eventRelaySourceName',
            RELAY_SOURCE,
            'the partner event source of the Event Relay, aws.partner/salesforce.com/<orgId>/<channelId> (Setup → Event Relays → Partner Event Source Name)',
          ),
        }
      : {}),
    ...(raw('routingDeadlineMs') ? { routingDeadlineMs: int('routingDeadlineMs', 200, 2500) } : {}),
    syncSchedule: matching('syncSchedule', SCHEDULE, 'rate(<n> minutes|hours|days) or cron(...)'),
    logRetentionDays: retention as RetentionDays,
    tableEncryption: encryption,
  };
}

/**
 * The S3 prefix of the files import-analysis takes: the redacted files sit under <prefix>Redacted/
 * ("Example Contact Lens output files for a call"), so with the default only those are notified and readable.
 */
export function contactLensImportPrefix(settings: Pick<CallwiseSettings, 'contactLensPrefix' | 'contactLensOutput'>): string {
  return settings.contactLensOutput === 'redacted' ? `${settings.contactLensPrefix}Redacted/` : settings.contactLensPrefix;
}
