import { connectSalesforce, type SalesforceConnection } from '../../functions/src/adapters/salesforce/connection';
import type { RoutingDecision } from '../../functions/src/domain/routing/routing-decision';
import { createTestCredentials, startSalesforceEmulator, type EmulatorOptions, type SalesforceEmulator } from '../../local/salesforce-emulator';

/** Call logging against the Salesforce emulator: sObject Collections upserts over HTTP, through real jsforce. */

// Record stamps from a fixed clock: the same writes give the same Task in two orgs.
const STAMPS_AT = Date.parse('2026-11-24T12:00:00Z');

export interface EmulatedOrg {
  emulator: SalesforceEmulator;
  /** Signed in already: requestCount() counts only what the test sends. */
  salesforce: SalesforceConnection;
}

/** An empty org holding the callers (WhoId) and accounts (WhatId) the decisions name, so their Tasks' references resolve. */
export async function startEmulatedOrg(decisions: RoutingDecision[] = [], options: EmulatorOptions = {}): Promise<EmulatedOrg> {
  const emulator = await startSalesforceEmulator({ org: 'empty', clock: () => STAMPS_AT, ...options });
  const rows = new Map<string, { sobject: string; row: Record<string, unknown> }>();
  for (const { caller } of decisions.filter((d) => d.caller.known)) {
    if (caller.recordType === 'Lead') rows.set(caller.recordId, { sobject: 'Lead', row: { Id: caller.recordId, LastName: 'Caller', Company: 'Caller Co' } });
    else rows.set(caller.recordId, { sobject: 'Contact', row: { Id: caller.recordId, LastName: 'Caller', AccountId: caller.accountId || null } });
    if (caller.accountId) rows.set(caller.accountId, { sobject: 'Account', row: { Id: caller.accountId, Name: 'Caller Account' } });
  }
  for (const sobject of ['Account', 'Contact', 'Lead'])
    emulator.insert(
      sobject,
      [...rows.values()].filter((r) => r.sobject === sobject).map((r) => r.row),
    );
  try {
    return { emulator, salesforce: await connectSalesforce(createTestCredentials(emulator.url)) };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/** The org's Call Tasks by Connect ContactId, each as written (its record Id left out: it differs between orgs). */
export function callTasks(emulator: SalesforceEmulator): Map<string, Record<string, unknown>> {
  return new Map(emulator.records('Task').map(({ Id: _id, ...task }) => [String(task.Callwise_Contact_Id__c), task]));
}
