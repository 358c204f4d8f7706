import { ENV } from '../../platform/settings';

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
  id: 'Profiles' | 'Contacts' | 'CallerHistory' | 'Policy';
  /** The environment variable that carries the table name to the Lambdas. */
  envVar: string;
  partitionKey: string;
  sortKey?: string;
  /** Attribute holding epoch seconds after which DynamoDB may delete the item. */
  ttlAttribute?: string;
  purpose: string;
}

export const TABLES = [
  { id: 'Profiles', envVar: ENV.profilesTable, partitionKey: 'phone', ttlAttribute: 'ttl', purpose: 'Caller profile cache by E.164 number, including unknown numbers and load leases' },
  { id: 'Contacts', envVar: ENV.contactsTable, partitionKey: 'contactId', ttlAttribute: 'ttl', purpose: 'Routing decision and contact state by Connect ContactId' },
  { id: 'CallerHistory', envVar: ENV.callerHistoryTable, partitionKey: 'phone', sortKey: 'callKey', ttlAttribute: 'ttl', purpose: 'Recent calls by number: repeat calls, last agent, first-call resolution' },
  { id: 'Policy', envVar: ENV.policyTable, partitionKey: 'id', ttlAttribute: 'ttl', purpose: 'The routing policy in force, and its history (history items expire)' },
] as const satisfies readonly TableDefinition[];

export type TableId = (typeof TABLES)[number]['id'];

/** Resolves a table's name from the environment, with a clear error when it is not configured. */
export function tableName(id: TableId, env: NodeJS.ProcessEnv = process.env): string {
  const def = TABLES.find((t) => t.id === id)!;
  const value = env[def.envVar];
  if (!value) throw new Error(`${def.envVar} is not set: the ${id} table name is required`);
  return value;
}
