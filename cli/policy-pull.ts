import { rename, writeFile } from 'node:fs/promises';
import { PACKAGE_SOURCE_DIR, readCustomMetadataRecords } from '../local/tools/custom-metadata-xml';
import { createDocumentClient } from '../functions/src/adapters/dynamodb/client';
import { DynamoDbPolicyStore } from '../functions/src/adapters/dynamodb/policy-store';
import { tableName, TIMEOUTS } from '../functions/src/platform/settings';
import type { SalesforceRequester } from '../functions/src/adapters/salesforce/api';
import { SalesforceCustomMetadata } from '../functions/src/adapters/salesforce/custom-metadata';
import { systemClock } from '../functions/src/platform/time';
import { syncConfig } from '../functions/src/config-sync/sync-config';
import type { RoutingPolicy } from '../functions/src/domain/policy/policy';
import type { PolicyStore, StoredPolicy } from '../functions/src/ports';
import { readPolicyFile } from './policy-file';
import { type CommandIo, UsageError } from './io';

/**
 * `callwise policy pull [--out FILE | --store] [--package DIR]`: builds the routing policy from the
 * Salesforce custom metadata, exactly as the sync-config Lambda does, and prints it, writes FILE, or
 * (--store) stores it as the policy in force in the Policy table (POLICY_TABLE, DYNAMODB_ENDPOINT).
 * - With SF_ORG=<alias or username> it reads a real org through the admin's `sf` login (@salesforce/core).
 * - Otherwise it starts the local Salesforce emulator seeded with the package's records
 *   (crm-package, or DIR: a force-app/main/default folder) and reads them over the REST API.
 * A broken configuration exits 1 with one line per error naming the record and field; FILE or the
 * table keeps the previous policy.
 */
export async function runPolicyPull(args: string[], io: CommandIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const options = parseArgs(args);
  const salesforce = env.SF_ORG ? await orgSalesforce(env.SF_ORG) : await emulatedSalesforce(options.packageDir);
  const from = env.SF_ORG ? `org ${env.SF_ORG}` : `the local emulator seeded from ${options.packageDir}`;
  try {
    const store = options.store ? tableStore(env) : options.out ? new FilePolicyStore(options.out) : new PrintPolicyStore(io);
    const target = options.store ? `the ${tableName('Policy', env)} table` : options.out;
    const result = await syncConfig({ readMetadata: () => new SalesforceCustomMetadata(salesforce.requester).read(), store, clock: systemClock });
    if (result.status === 'rejected') {
      io.stderr(`The routing configuration in ${from} is not valid (${result.errors.length} error(s)):`);
      for (const error of result.errors) io.stderr(`  ${error}`);
      if (target) io.stderr(`${target} still holds the previous policy.`);
      return 1;
    }
    if (target)
      io.stdout(
        `${target}: ${result.status === 'stored' ? (options.store ? 'stored' : 'wrote') : 'already holds'} policy version ${result.version} from ${from}`,
      );
    return 0;
  } finally {
    await salesforce.stop();
  }
}

interface PullOptions {
  out?: string;
  store?: boolean;
  packageDir: string;
}

function parseArgs(args: string[]): PullOptions {
  const options: PullOptions = { packageDir: PACKAGE_SOURCE_DIR };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    if (flag === '--store') {
      options.store = true;
    } else if ((flag === '--out' || flag === '--package') && value && !value.startsWith('--')) {
      if (flag === '--out') options.out = value;
      else options.packageDir = value;
      i++;
    } else {
      throw new UsageError(flag === '--out' || flag === '--package' ? `${flag} needs a value` : `unexpected argument "${flag}"`);
    }
  }
  if (options.store && options.out) throw new UsageError('use either --out FILE or --store, not both');
  return options;
}

/** --store: the Policy table of the local environment (or of AWS), as sync-config writes it. */
function tableStore(env: NodeJS.ProcessEnv): PolicyStore {
  return new DynamoDbPolicyStore(createDocumentClient(env, TIMEOUTS.configDynamoDb), tableName('Policy', env), systemClock, 0);
}

interface PullSource {
  requester: SalesforceRequester;
  stop(): Promise<void>;
}

/** A real org through the `sf` CLI's stored login. */
async function orgSalesforce(aliasOrUsername: string): Promise<PullSource> {
  const { openOrg } = require('./org') as typeof import('./org');
  return { requester: await openOrg(aliasOrUsername), stop: async () => undefined };
}

/** The emulator, seeded with the package's custom metadata records, reached through the real client. */
async function emulatedSalesforce(packageDir: string): Promise<PullSource> {
  const records = readCustomMetadataRecords(packageDir);
  const { startSalesforceEmulator, createTestCredentials } = require('../local/salesforce-emulator') as typeof import('../local/salesforce-emulator');
  const { connectSalesforce } = require('../functions/src/adapters/salesforce/connection') as typeof import('../functions/src/adapters/salesforce/connection');
  const emulator = await startSalesforceEmulator({ org: 'empty' });
  try {
    for (const [type, rows] of Object.entries(records)) await emulator.insert(type, rows);
    return { requester: await connectSalesforce(createTestCredentials(emulator.url)), stop: () => emulator.stop() };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/** --out FILE as the store: the file is replaced only by a valid policy (written aside, then renamed). */
class FilePolicyStore implements PolicyStore {
  constructor(private readonly file: string) {}

  async current(): Promise<StoredPolicy | undefined> {
    // A missing or unreadable file holds no policy yet.
    const checked = await readPolicyFile(this.file).catch(() => undefined);
    return checked?.ok ? { policy: checked.policy, source: 'salesforce:custom-metadata', storedAt: '' } : undefined;
  }

  async save(stored: StoredPolicy): Promise<void> {
    await writeFile(`${this.file}.tmp`, policyJson(stored.policy));
    await rename(`${this.file}.tmp`, this.file);
  }
}

/** No --out: the policy goes to stdout. */
class PrintPolicyStore implements PolicyStore {
  constructor(private readonly io: CommandIo) {}

  async current(): Promise<StoredPolicy | undefined> {
    return undefined;
  }

  async save(stored: StoredPolicy): Promise<void> {
    this.io.stdout(policyJson(stored.policy));
  }
}

const policyJson = (policy: RoutingPolicy) => `${JSON.stringify(policy, null, 2)}\n`;
