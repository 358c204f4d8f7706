import { startDynamoDbLocal } from '../../local/dynamodb';

/** DynamoDB Local on a free loopback port, in memory, without tables (the test creates its own). */
export interface LocalDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startLocalDynamoDb(): Promise<LocalDynamoDb> {
  const { endpoint, stop } = await startDynamoDbLocal({ createTables: false });
  return { endpoint, stop };
}
