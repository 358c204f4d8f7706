/**
 * Environment variables the Lambdas read, named once so the CDK stack (infra/) sets exactly these.
 * Table names use the envVar of each entry in adapters/dynamodb/tables.ts.
 */
export const ENV = {
  /** Secrets Manager ARN of the Salesforce JWT credentials (see SalesforceCredentials). */
  salesforceSecretArn: 'SALESFORCE_SECRET_ARN',
  /** Amazon Connect instance ARN (queue status, DescribeContact). */
  connectInstanceArn: 'CONNECT_INSTANCE_ARN',
  /** SQS URL of the call-logging dead-letter queue (poison messages are parked there with their reason). */
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
  /** Optional override of the routing deadline in ms (else the policy's timing.deadlineMs). */
  routingDeadlineMs: 'ROUTING_DEADLINE_MS',
  /** "true" when the org has Person Accounts enabled (their phone fields are searched too). */
  salesforcePersonAccounts: 'SALESFORCE_PERSON_ACCOUNTS',
  /** Powertools service name and metrics namespace. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  /** Contact Lens file imported when redaction writes two: "redacted" (default) or "original". */
  contactLensOutput: 'CONTACT_LENS_OUTPUT',
  /** Local runs only: DynamoDB endpoint (DynamoDB Local) and Salesforce emulator URL. */
  dynamoDbEndpoint: 'DYNAMODB_ENDPOINT',
} as const;

/** The Contact Lens output to import (CONTACT_LENS_OUTPUT); anything but "original" means the redacted file. */
export function contactLensOutput(env: NodeJS.ProcessEnv = process.env): 'redacted' | 'original' {
  return env[ENV.contactLensOutput] === 'original' ? 'original' : 'redacted';
}
