/**
 * Every setting of the Lambdas, named once: the environment variables (the CDK stack in infra/ sets
 * exactly these), the timeouts of each client and the concurrency limits. Routing timings that an
 * admin edits (deadline, TTLs, FCR window, policy refresh) are not here: they live in the routing
 * policy and are read from the policy in force at each use.
 */
export const ENV = {
  /** Secrets Manager ARN of the Salesforce JWT credentials (see SalesforceCredentials). */
  salesforceSecretArn: 'SALESFORCE_SECRET_ARN',
  /** Amazon Connect instance ARN (queue status, DescribeContact). */
  connectInstanceArn: 'CONNECT_INSTANCE_ARN',
  /** The deployment's fallback queue (a queue ARN of the instance): route-call's fallback when no policy is in force or routing fails. */
  fallbackQueueArn: 'FALLBACK_QUEUE_ARN',
  /** SQS URL of the call-logging dead-letter queue (poison messages are parked there with their reason). */
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
  /** Optional override of the routing deadline in ms (else the policy's timing.deadlineMs). */
  routingDeadlineMs: 'ROUTING_DEADLINE_MS',
  /** route-call pauses live Salesforce lookups at this percent of the org's daily API limit (1–100, default QUOTA_BREAKER.quotaPercent). */
  salesforceLookupQuotaPercent: 'SALESFORCE_LOOKUP_QUOTA_PERCENT',
  /** "true" when the org has Person Accounts enabled (their phone fields are searched too). */
  salesforcePersonAccounts: 'SALESFORCE_PERSON_ACCOUNTS',
  /** DynamoDB table names (TABLES below maps each table to its variable). */
  profilesTable: 'PROFILES_TABLE',
  contactsTable: 'CONTACTS_TABLE',
  callerHistoryTable: 'CALLER_HISTORY_TABLE',
  policyTable: 'POLICY_TABLE',
  queueStatusTable: 'QUEUE_STATUS_TABLE',
  callerDirectoryTable: 'CALLER_DIRECTORY_TABLE',
  /** Powertools service name, metrics namespace and tracing switch. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  traceEnabled: 'POWERTOOLS_TRACE_ENABLED',
  /** Contact Lens file imported when redaction writes two: "redacted" (default) or "original". */
  contactLensOutput: 'CONTACT_LENS_OUTPUT',
  /** The S3 bucket Contact Lens writes to: import-analysis reads this bucket only and parks a notification naming another. */
  contactLensBucket: 'CONTACT_LENS_BUCKET',
  /** The Connect instance's access URL (https://<alias>.my.connect.aws): Call Tasks link to the contact's page. */
  connectAccessUrl: 'CONNECT_ACCESS_URL',
  /** Local runs only: DynamoDB endpoint (DynamoDB Local). */
  dynamoDbEndpoint: 'DYNAMODB_ENDPOINT',
  /** Set by the Lambda runtime. */
  awsRegion: 'AWS_REGION',
  lambdaFunctionName: 'AWS_LAMBDA_FUNCTION_NAME',
  lambdaInitializationType: 'AWS_LAMBDA_INITIALIZATION_TYPE',
} as const;

/** The Contact Lens output to import (CONTACT_LENS_OUTPUT); anything but "original" means the redacted file. */
export function contactLensOutput(env: NodeJS.ProcessEnv = process.env): 'redacted' | 'original' {
  return env[ENV.contactLensOutput] === 'original' ? 'original' : 'redacted';
}

/** How long an AWS client waits before giving up: to connect, for the whole request, and how many attempts (the first included). */
export interface AwsClientTimeouts {
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  maxAttempts: number;
}

/**
 * The options every AWS client in functions/src is built with (`new XClient(awsClientConfig(TIMEOUTS.x))`):
 * the SDK's NodeHttpHandler options, so a hung connection or read fails instead of holding its caller.
 */
export function awsClientConfig(timeouts: AwsClientTimeouts) {
  return {
    maxAttempts: timeouts.maxAttempts,
    // Without throwOnRequestTimeout the SDK only logs a warning and keeps waiting.
    requestHandler: { connectionTimeout: timeouts.connectionTimeoutMs, requestTimeout: timeouts.requestTimeoutMs, throwOnRequestTimeout: true },
  };
}

export const TIMEOUTS = {
  /** route-call has well under a second: a DynamoDB that is down must fail fast, not hang. */
  routingDynamoDb: { connectionTimeoutMs: 200, requestTimeoutMs: 500, maxAttempts: 2 } satisfies AwsClientTimeouts,
  /** Call logging is not on the caller's clock: patient timeouts, more attempts than routing. */
  callLoggingDynamoDb: { connectionTimeoutMs: 1_000, requestTimeoutMs: 5_000, maxAttempts: 4 } satisfies AwsClientTimeouts,
  /** A scheduled job or an admin's command, not the call path: DynamoDB may take its time. */
  configDynamoDb: { connectionTimeoutMs: 2_000, requestTimeoutMs: 5_000, maxAttempts: 3 } satisfies AwsClientTimeouts,
  /** GetCurrentMetricData from the one queue-status refresher; route-call never calls it. One attempt: the next refresh is the retry. */
  refresherConnect: { connectionTimeoutMs: 1_000, requestTimeoutMs: 3_000, maxAttempts: 1 } satisfies AwsClientTimeouts,
  /** Call logging's Connect reads (DescribeContact, GetContactAttributes, DescribeQueue): throttling is retried by the shared limiter, not the SDK. */
  callLoggingConnect: { connectionTimeoutMs: 1_000, requestTimeoutMs: 5_000, maxAttempts: 1 } satisfies AwsClientTimeouts,
  /** The Salesforce credentials, read at sign-in: a hung read fails and the next lookup tries again. */
  secretsManager: { connectionTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxAttempts: 2 } satisfies AwsClientTimeouts,
  /** Contact Lens files read by import-analysis. */
  s3: { connectionTimeoutMs: 1_000, requestTimeoutMs: 10_000, maxAttempts: 3 } satisfies AwsClientTimeouts,
  /** Poison messages parked in the dead-letter queue. */
  sqs: { connectionTimeoutMs: 1_000, requestTimeoutMs: 5_000, maxAttempts: 3 } satisfies AwsClientTimeouts,
  /** Salesforce must answer a caller lookup within this, or the call is routed by the fallback (ms). */
  routingSalesforceMs: 1_500,
  /** Salesforce requests of the batch Lambdas (call logging, config sync) (ms). */
  batchSalesforceMs: 20_000,
  /** Reading the policy in force; past this the bundled policy is used for the call (ms). */
  policyReadMs: 300,
} as const;

/**
 * route-call's breaker on live Salesforce lookups (routing/profile-loader.ts QuotaBreaker): it pauses them at
 * `quotaPercent` of the org's daily API limit or after `signInFailures` failed sign-ins in a row, and lets one
 * lookup through every `probeIntervalMs` until one succeeds.
 */
export const QUOTA_BREAKER = { quotaPercent: 80, signInFailures: 3, probeIntervalMs: 60_000 } as const;

/** The breaker's settings: SALESFORCE_LOOKUP_QUOTA_PERCENT (a whole number from 1 to 100) or the default. */
export function quotaBreakerSettings(env: NodeJS.ProcessEnv): { quotaPercent: number; signInFailures: number; probeIntervalMs: number } {
  const percent = positiveIntegerSetting(env, ENV.salesforceLookupQuotaPercent);
  return { ...QUOTA_BREAKER, quotaPercent: percent !== undefined && percent <= 100 ? percent : QUOTA_BREAKER.quotaPercent };
}

/**
 * Requests in flight at once, per fan-out. Keep each under the AWS SDK's HTTP agent (50 sockets): a
 * request waiting there for a socket is still timed by connectionTimeout, so a promise per contact
 * fails with "socket did not establish a connection within … ms" although DynamoDB is healthy.
 */
export const CONCURRENCY = {
  /** Contacts updated in DynamoDB at once; thousands at a time would only queue in the HTTP agent. */
  contactUpdates: 32,
  /** Routing-decision and DescribeContact lookups in flight at once, per batch. */
  contactLookups: 32,
  /** Contact Lens files read from S3 at once, per batch of up to 200 notifications. */
  analysisReads: 16,
} as const;

/** A whole positive number from the environment, or undefined when it is unset or not one. */
export function positiveIntegerSetting(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = Number(env[name]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Connect API calls of one call-logging container (DescribeContact, GetContactAttributes, DescribeQueue),
 * through one shared limiter. Connect's default quota is 2 requests/s with a burst of 5 per API and
 * account ("Throttling limits for the Amazon Connect API operations"); the call-logging Lambdas run at
 * most CALL_LOGGING_MAX_CONTAINERS containers at once, so each keeps to 80% of its share. A call whose
 * turn is further away than maxWaitMs is retried later through SQS rather than outwaiting the Lambda.
 */
export const CONNECT_DEFAULT_QUOTA = { ratePerSecond: 2, burst: 5 } as const;
/** log-outcome (5) + import-analysis (3) + close-fcr (1) concurrent containers at most (infra/lib sets the same). */
export const CALL_LOGGING_MAX_CONTAINERS = 9;
export const CONNECT_API_LIMIT = {
  ratePerSecond: (CONNECT_DEFAULT_QUOTA.ratePerSecond * 0.8) / CALL_LOGGING_MAX_CONTAINERS,
  burst: 1,
  maxWaitMs: 20_000,
} as const;

/**
 * The DynamoDB tables, defined once: the CDK stack (infra/) and the local environment (local/)
 * both build their tables from this list, and the Lambdas find each table's name in the
 * environment variable named here.
 *
 * There is no separate idempotency table: call logging is idempotent through the contact state in
 * the Contacts table (an order-independent merge, and a fingerprint of the last Task Salesforce
 * accepted), so a replayed event costs one DynamoDB read and no Salesforce call.
 */

export interface TableDefinition {
  /** Logical id, also the suffix of the local table name. */
  id: 'Profiles' | 'Contacts' | 'CallerHistory' | 'Policy' | 'QueueStatus' | 'CallerDirectory';
  /** The environment variable that carries the table name to the Lambdas. */
  envVar: string;
  partitionKey: string;
  sortKey?: string;
  /** Attribute holding epoch seconds after which DynamoDB may delete the item. */
  ttlAttribute?: string;
  /** Sparse global secondary indexes (string keys, keys-only projection). */
  indexes?: readonly { name: string; partitionKey: string; sortKey: string }[];
  purpose: string;
}

/** Contacts whose first-call-resolution window is open, by the UTC day the call began (close-fcr queries it). */
export const FCR_OPEN_INDEX = { name: 'FcrOpen', partitionKey: 'fcrOpenDay', sortKey: 'contactId' } as const;

export const TABLES = [
  {
    id: 'Profiles',
    envVar: ENV.profilesTable,
    partitionKey: 'phone',
    ttlAttribute: 'ttl',
    purpose: 'Caller profile cache by E.164 number, including unknown numbers and load leases',
  },
  {
    id: 'Contacts',
    envVar: ENV.contactsTable,
    partitionKey: 'contactId',
    ttlAttribute: 'ttl',
    indexes: [FCR_OPEN_INDEX],
    purpose: 'Routing decision and contact state by Connect ContactId',
  },
  {
    id: 'CallerHistory',
    envVar: ENV.callerHistoryTable,
    partitionKey: 'phone',
    sortKey: 'callKey',
    ttlAttribute: 'ttl',
    purpose: 'Recent calls by number: repeat calls, last agent, first-call resolution',
  },
  {
    id: 'Policy',
    envVar: ENV.policyTable,
    partitionKey: 'id',
    ttlAttribute: 'ttl',
    purpose: 'The routing policy in force, and its history (history items expire)',
  },
  {
    id: 'QueueStatus',
    envVar: ENV.queueStatusTable,
    partitionKey: 'id',
    purpose: 'Live queue metrics of the whole deployment: written by the one refresher, read by route-call',
  },
  {
    id: 'CallerDirectory',
    envVar: ENV.callerDirectoryTable,
    partitionKey: 'pk',
    sortKey: 'sk',
    ttlAttribute: 'ttl',
    purpose: 'Every caller number of the org → its records and their context (loaded by Bulk API, kept fresh by change events); tombstones expire',
  },
] as const satisfies readonly TableDefinition[];

export type TableId = (typeof TABLES)[number]['id'];

/** Resolves a table's name from the environment, with a clear error when it is not configured. */
export function tableName(id: TableId, env: NodeJS.ProcessEnv = process.env): string {
  const def = TABLES.find((t) => t.id === id)!;
  const value = env[def.envVar];
  if (!value) throw new Error(`${def.envVar} is not set: the ${id} table name is required`);
  return value;
}

/** close-fcr looks this many days behind the newest closable day: windows a stopped schedule left open are closed when it runs again. */
export const CLOSE_FCR_BACKLOG_DAYS = 30;

/** How often SQS delivers a message before the consumer parks it with its reason (the queue's redrive policy matches). */
export const DEFAULT_MAX_RECEIVES = 5;

/** directory-sync: how change events the events themselves cannot apply are read from Salesforce. */
export const DIRECTORY_SYNC = {
  /** Record ids per `WHERE Id IN (…)` query: keeps the GET query URL well under Salesforce's 16,384-byte limit. */
  idsPerQuery: 200,
  /** Reconcile re-reads this much before its previous start (clock skew, commits in flight): a re-read record is a stale no-op. */
  reconcileOverlapMs: 120_000,
  /** Records reconcile writes per batch (the store's applyMany) when many changed: a first run, an overflow. */
  reconcileWriteBatch: 500,
} as const;
