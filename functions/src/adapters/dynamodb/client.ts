import { DynamoDBClient, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AwsClientTimeouts, awsClientConfig, ENV, TIMEOUTS } from '../../platform/settings';

/** Credentials DynamoDB Local accepts (it checks none); used only when DYNAMODB_ENDPOINT is set. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * A low-level client: DYNAMODB_ENDPOINT (DynamoDB Local) when set, else the AWS endpoint of the
 * Lambda's region. Build it at module scope so connections are reused across invocations.
 */
export function createDynamoDbClient(env: NodeJS.ProcessEnv = process.env, timeouts: AwsClientTimeouts = TIMEOUTS.routingDynamoDb): DynamoDBClient {
  const endpoint = env[ENV.dynamoDbEndpoint] || undefined;
  return new DynamoDBClient({
    ...awsClientConfig(timeouts),
    ...(endpoint ? { endpoint, credentials: LOCAL_CREDENTIALS } : {}),
    region: env[ENV.awsRegion] || 'us-east-1',
  });
}

/** Wraps a low-level client as a document client (plain JS values; undefined attributes dropped). */
export function toDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** The document client the adapters take, with the routing path's timeouts unless told otherwise. */
export function createDocumentClient(env: NodeJS.ProcessEnv = process.env, timeouts: AwsClientTimeouts = TIMEOUTS.routingDynamoDb): DynamoDBDocumentClient {
  return toDocumentClient(createDynamoDbClient(env, timeouts));
}

/** DynamoDB could not be reached or did not answer in time (as opposed to refusing a request). */
export class DynamoDbUnavailableError extends Error {
  constructor(
    readonly table: string,
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`DynamoDB table ${table} did not answer ${operation} (${detail}): check DYNAMODB_ENDPOINT or the service's health`);
    this.name = 'DynamoDbUnavailableError';
  }
}

/**
 * Runs one DynamoDB call; network failures and timeouts become a DynamoDbUnavailableError naming
 * the table and operation (never the key, which may be a phone number). Service errors such as
 * ConditionalCheckFailedException pass through unchanged.
 */
export async function callTable<T>(table: string, operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DynamoDBServiceException) throw error;
    throw new DynamoDbUnavailableError(table, operation, error);
  }
}

/**
 * The `ttl` attribute: epoch seconds after which DynamoDB may delete the item. DynamoDB deletes by its
 * own wall clock, so this counts from the real time, not the injected Clock: a simulation set in the
 * past (tests, the demo, the benchmarks) would otherwise see DynamoDB Local delete its items at once.
 */
export function ttlAfter(seconds: number): number {
  return Math.floor(Date.now() / 1000) + Math.round(seconds);
}
