import { DynamoDbDirectoryStore } from '../functions/src/adapters/dynamodb/directory-store';
import { createDocumentClient } from '../functions/src/adapters/dynamodb/client';
import { BulkQueryJobs, type BulkTransport } from '../functions/src/adapters/salesforce/bulk-query';
import { ENV, TIMEOUTS, tableName } from '../functions/src/platform/settings';

/**
 * Where `callwise directory …` works:
 * - Salesforce: the org of SF_ORG=<alias> (the `sf` CLI's login), else the local emulator seeded with the demo org;
 * - the directory: the table named by CALLER_DIRECTORY_TABLE (in AWS, or at DYNAMODB_ENDPOINT), else a DynamoDB
 *   Local started for this command alone (a demonstration: it is gone when the command ends).
 */
export interface DirectoryEnvironment {
  store: DynamoDbDirectoryStore;
  bulk: BulkQueryJobs;
  personAccounts: boolean;
  defaultCountry: string;
  /** Said before the command runs: which org and which table. */
  description: string;
  stop(): Promise<void>;
}

export interface DirectoryEnvironmentOptions {
  defaultCountry: string;
  /** Bulk job polling (ms); the emulator completes jobs in a few polls. */
  pollMs?: number;
}

export async function openDirectoryEnvironment(env: NodeJS.ProcessEnv, options: DirectoryEnvironmentOptions): Promise<DirectoryEnvironment> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const org = env.SF_ORG ? await orgTransport(env.SF_ORG) : await emulatorTransport(stops);
    const personAccounts = env[ENV.salesforcePersonAccounts] ? env[ENV.salesforcePersonAccounts] === 'true' : !env.SF_ORG;
    const table = await directoryTable(env, stops);
    const bulk = new BulkQueryJobs(org.transport, { pollMs: options.pollMs ?? (env.SF_ORG ? 2_000 : 5), maxWaitMs: 30 * 60_000, streamTimeoutMs: 60_000 });
    return {
      store: new DynamoDbDirectoryStore(table.doc, table.name, options.defaultCountry),
      bulk,
      personAccounts,
      defaultCountry: options.defaultCountry,
      description: `${org.description} → ${table.description}`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function directoryTable(env: NodeJS.ProcessEnv, stops: Array<() => Promise<void>>) {
  if (env[ENV.callerDirectoryTable]) {
    const name = tableName('CallerDirectory', env);
    return {
      doc: createDocumentClient(env, TIMEOUTS.configDynamoDb),
      name,
      description: `table ${name}${env[ENV.dynamoDbEndpoint] ? ` at ${env[ENV.dynamoDbEndpoint]}` : ''}`,
    };
  }
  const { startDynamoDbLocal } = require('../local/dynamodb') as typeof import('../local/dynamodb');
  const local = await startDynamoDbLocal();
  stops.push(() => local.stop());
  return {
    doc: local.doc,
    name: local.tableNames.CallerDirectory,
    description: `a DynamoDB Local of this command only (set ${ENV.callerDirectoryTable} to keep the directory)`,
  };
}

async function orgTransport(aliasOrUsername: string): Promise<{ transport: BulkTransport; description: string }> {
  const { openOrg } = require('./org') as typeof import('./org');
  return { transport: await openOrg(aliasOrUsername), description: `org ${aliasOrUsername}` };
}

async function emulatorTransport(stops: Array<() => Promise<void>>): Promise<{ transport: BulkTransport; description: string }> {
  const { startSalesforceEmulator, createTestCredentials } = require('../local/salesforce-emulator') as typeof import('../local/salesforce-emulator');
  const { connectSalesforce } = require('../functions/src/adapters/salesforce/connection') as typeof import('../functions/src/adapters/salesforce/connection');
  const emulator = await startSalesforceEmulator({ org: 'demo' });
  stops.push(() => emulator.stop());
  return { transport: await connectSalesforce(createTestCredentials(emulator.url)), description: 'the local emulator (demo org)' };
}
