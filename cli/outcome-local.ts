import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbContactStateStore } from '../functions/src/adapters/dynamodb/contact-state';
import { InMemoryContactDirectory } from '../local/fakes/contact-directory';
import { SalesforceCallLog } from '../functions/src/adapters/salesforce/call-log';
import { FileDeadLetterQueue } from '../local/fakes/dead-letter-queue';
import type { RoutingDecision } from '../functions/src/domain/routing/routing-decision';
import { CALL_TASK_EXTERNAL_ID, CALL_TASK_FIELDS } from '../functions/src/domain/outcome/call-task-fields';
import { isSecureSalesforceUrl, SALESFORCE_URL_RULE, salesforceApiPath, type SalesforceRequester } from '../functions/src/adapters/salesforce/api';
import { soqlInList } from '../functions/src/adapters/salesforce/soql';
import { localDeadLetterFile, type OutcomeEnvironment } from './outcome-environment';
import { contactLensOutput } from '../functions/src/platform/settings';
import { outcomeTrust } from '../functions/src/domain/outcome/outcome';
import { BUNDLED_POLICY } from '../functions/src/platform/live-policy';

/**
 * The local environment for `callwise outcome` / `callwise dlq`: DynamoDB (DYNAMODB_ENDPOINT, else
 * DynamoDB Local started here) and Salesforce (the emulator in local/, started here unless
 * SALESFORCE_EMULATOR_URL points at a running one). Decisions and DescribeContact answers come
 * from the fixture files.
 */
export interface LocalEmulator {
  url: string;
  stop(): Promise<void>;
  requestCount: number | (() => number);
  resetCounters?(): void;
  records(sobject: string): Array<Record<string, unknown>> | Promise<Array<Record<string, unknown>>>;
}

export class LocalEnvironmentMissingError extends Error {
  constructor(part: string, cause: unknown) {
    super(`${part} is not available (${(cause as Error).message}): run from the repository root after npm ci`);
    this.name = 'LocalEnvironmentMissingError';
  }
}

function load<T>(path: string, part: string): T {
  try {
    return require(path) as T;
  } catch (error) {
    throw new LocalEnvironmentMissingError(part, error);
  }
}

/** The Contacts table of DynamoDB Local: started here, or the one at DYNAMODB_ENDPOINT (kept across runs). */
async function contactsTable(env: NodeJS.ProcessEnv): Promise<{ doc: DynamoDBDocumentClient; table: string; stop: () => Promise<void> }> {
  const local = load<typeof import('../local/dynamodb')>('../local/dynamodb', 'DynamoDB Local (local/dynamodb)');
  const dynamo = await local.openDynamoDbLocal(env.DYNAMODB_ENDPOINT);
  return { doc: dynamo.doc, table: dynamo.tableNames.Contacts, stop: () => dynamo.stop() };
}

/** Salesforce for local runs: the emulator (started here unless SALESFORCE_EMULATOR_URL is set) through the real client. */
export async function localSalesforce(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ requester: SalesforceRequester; emulator?: LocalEmulator; url: string; stop: () => Promise<void> }> {
  const emulatorModule = load<{ startSalesforceEmulator(o?: object): Promise<LocalEmulator>; createTestCredentials(url: string): unknown }>(
    '../local/salesforce-emulator',
    'The Salesforce emulator (local/salesforce-emulator)',
  );
  if (env.SALESFORCE_EMULATOR_URL && !isSecureSalesforceUrl(env.SALESFORCE_EMULATOR_URL)) throw new Error(`SALESFORCE_EMULATOR_URL ${SALESFORCE_URL_RULE}`);
  const emulator = env.SALESFORCE_EMULATOR_URL ? undefined : await emulatorModule.startSalesforceEmulator();
  const url = env.SALESFORCE_EMULATOR_URL || emulator!.url;
  const connection = load<{ connectSalesforce(credentials: unknown): Promise<SalesforceRequester> }>(
    '../functions/src/adapters/salesforce/connection',
    'The Salesforce client (functions/src/adapters/salesforce/connection)',
  );
  const requester = await connection.connectSalesforce(emulatorModule.createTestCredentials(url));
  return { requester, emulator, url, stop: async () => emulator?.stop() };
}

/** Reads the Call Tasks back through the API (SOQL), as a report would. */
async function readTasks(requester: SalesforceRequester, contactIds: string[]): Promise<Array<Record<string, unknown>>> {
  if (contactIds.length === 0) return [];
  const fields = [
    'Id',
    'Subject',
    'Status',
    'ActivityDate',
    'TaskSubtype',
    'CallObject',
    'CallType',
    'CallDurationInSeconds',
    'CallDisposition',
    'WhoId',
    'WhatId',
    'Description',
    ...CALL_TASK_FIELDS.map((f) => f.apiName),
  ];
  const soql = `SELECT ${fields.join(', ')} FROM Task WHERE ${CALL_TASK_EXTERNAL_ID} IN ${soqlInList(contactIds)} ORDER BY ${CALL_TASK_EXTERNAL_ID}`;
  const result = await requester.request<{ records: Array<Record<string, unknown>> }>({
    method: 'GET',
    url: salesforceApiPath(`/query?q=${encodeURIComponent(soql)}`),
  });
  return result.records.map(({ attributes: _attributes, ...task }) => task);
}

export async function openLocalOutcomeEnvironment(env: NodeJS.ProcessEnv = process.env): Promise<OutcomeEnvironment> {
  const dynamo = await contactsTable(env);
  const sf = await localSalesforce(env).catch(async (error) => (await dynamo.stop(), Promise.reject(error)));
  const decisions = new Map<string, RoutingDecision>();
  const directory = new InMemoryContactDirectory();
  const requestCount = () => (sf.emulator ? (typeof sf.emulator.requestCount === 'function' ? sf.emulator.requestCount() : sf.emulator.requestCount) : 0);
  return {
    deps: {
      states: new DynamoDbContactStateStore(dynamo.doc, dynamo.table),
      decisions: { get: async (id) => decisions.get(id), save: async (d) => void decisions.set(d.contactId, d) },
      contacts: directory,
      callLog: new SalesforceCallLog(sf.requester),
      deadLetters: new FileDeadLetterQueue(localDeadLetterFile(env)),
      fcrWindowDays: 7,
      // The bundled policy's agents and dispositions, as in AWS before the first sync.
      trust: outcomeTrust(BUNDLED_POLICY),
      analysisOutput: contactLensOutput(env),
    },
    seed: async ({ decisions: ds = [], describeContact = {} }) => {
      for (const d of ds) decisions.set(d.contactId, d);
      for (const [id, details] of Object.entries(describeContact)) directory.set(id, details);
    },
    tasks: (ids) => readTasks(sf.requester, ids),
    salesforceRequests: requestCount,
    close: async () => {
      await sf.stop();
      await dynamo.stop();
    },
  };
}
