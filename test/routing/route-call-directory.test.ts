import { DynamoDbDirectoryStore } from '../../functions/src/adapters/dynamodb/directory-store';
import { DynamoDbCallerDirectory } from '../../functions/src/adapters/dynamodb/caller-directory';
import { DynamoDbCallHistory } from '../../functions/src/adapters/dynamodb/call-history';
import { DynamoDbDecisionStore } from '../../functions/src/adapters/dynamodb/decision-store';
import { DynamoDbProfileCache } from '../../functions/src/adapters/dynamodb/profile-cache';
import { SalesforceCallerDirectory } from '../../functions/src/adapters/salesforce/caller-directory';
import { routeCall } from '../../functions/src/routing/route-call';
import { assembleRouteCallDeps } from '../../functions/src/routing/wiring';
import { demoUnknownNumbers } from '../../local/demo-org';
import { contactFlowEvent } from '../../local/demo/contact-flow-event';
import { ManualClock } from '../../local/fakes/clock';
import { type LocalEnvironment, startLocalEnvironment } from '../../local/environment';
import type { RoutingPolicy } from '../../functions/src/domain/policy/policy';

/** route-call reading the caller directory (DynamoDB Local) beside the Salesforce emulator, which counts every request. */
const NOW = new Date('2026-11-24T15:00:00Z');
const clock = new ManualClock(NOW);
// Numbers the emulator's org does not hold: only the directory can know them.
const [DIRECTORY_NUMBER, UNKNOWN_NUMBER, LATER_NUMBER] = demoUnknownNumbers(3) as [string, string, string];
const ACCOUNT = '001Dm00000DIR01AAA';
const CONTACT = '003Dm00000DIR01AAA';
let env: LocalEnvironment;
let store: DynamoDbDirectoryStore;
let contact = 0;

const call = (number: string, deps = env.deps) => routeCall(contactFlowEvent({ contactId: `dir-${++contact}`, customerNumber: number, ivrChoice: '2' }), deps);

beforeAll(async () => {
  env = await startLocalEnvironment({ clock, deadlineMs: 7000 });
  store = new DynamoDbDirectoryStore(env.tables.doc, env.tables.tableNames.CallerDirectory, 'US');
  await store.apply(
    'Account',
    { Id: ACCOUNT, Name: 'Directory Ltd', OwnerId: '005Dm0000000001AAA', Type: 'Customer', AnnualRevenue: '9000000', Callwise_Tier__c: 'Platinum', Phone: '' },
    1000,
  );
  await store.apply(
    'Contact',
    { Id: CONTACT, FirstName: 'Dora', LastName: 'Rectory', OwnerId: '005Dm0000000002AAA', AccountId: ACCOUNT, MobilePhone: DIRECTORY_NUMBER },
    1000,
  );
  await store.apply(
    'Case',
    { Id: '500Dm00000DIR01AAA', AccountId: ACCOUNT, IsClosed: 'false', Subject: 'Invoice disputed', Priority: 'High', CreatedDate: '2026-11-20T09:00:00Z' },
    1000,
  );
}, 120_000);
afterAll(() => env?.stop());

describe('route-call with the caller directory', () => {
  it('asks Salesforce while the directory is not ready', async () => {
    env.emulator.resetCounters();
    const result = await call(DIRECTORY_NUMBER);
    expect(result.profileSource).toBe('salesforce');
    expect(result.response.profileSource).toBe('live lookup');
    expect(result.response.callerKnown).toBe('false');
    expect(env.emulator.requestCount()).toBe(1);
  });

  it('decides from the directory alone once it is ready: known callers with context, unknown numbers, no Salesforce request', async () => {
    await store.updateMeta({ ready: true, readyAt: '2026-11-24T14:00:00.000Z' });
    env.emulator.resetCounters();
    // The number was cached as unknown by the live lookup above: the directory, not that entry, decides.
    const known = await call(DIRECTORY_NUMBER);
    expect(known.response).toMatchObject({
      callerKnown: 'true',
      callerRecordId: CONTACT,
      callerRecordType: 'Contact',
      callerName: 'Dora Rectory',
      accountId: ACCOUNT,
      accountName: 'Directory Ltd',
      ownerId: '005Dm0000000002AAA',
      profileSource: 'directory',
    });
    expect(known.decision.intent.reasons.join(' ')).toMatch(/IVR/);
    const unknown = await call(UNKNOWN_NUMBER);
    expect(unknown.response).toMatchObject({ callerKnown: 'false', profileSource: 'directory', degraded: 'false' });
    expect(env.emulator.requestCount()).toBe(0);

    const stored = await env.deps.decisions.get(known.decision.contactId);
    expect(stored?.profileSource).toBe('directory');
  });

  it('sees a change as soon as it is applied (no day-long cache for directory callers)', async () => {
    await call(LATER_NUMBER);
    await store.apply(
      'Contact',
      {
        Id: CONTACT,
        FirstName: 'Dora',
        LastName: 'Rectory',
        OwnerId: '005Dm0000000002AAA',
        AccountId: ACCOUNT,
        MobilePhone: DIRECTORY_NUMBER,
        Phone: LATER_NUMBER,
      },
      2000,
    );
    const after = await call(LATER_NUMBER);
    expect(after.response).toMatchObject({ callerKnown: 'true', callerRecordId: CONTACT, profileSource: 'directory' });
  });

  it('asks Salesforce when the policy says callerLookup "live", and when the directory cannot be read', async () => {
    const parts = {
      liveLookup: new SalesforceCallerDirectory(env.salesforce, clock, { defaultCountry: 'US', personAccounts: true }),
      cache: new DynamoDbProfileCache(env.tables.doc, env.tables.tableNames.Profiles, clock),
      decisions: new DynamoDbDecisionStore(env.tables.doc, env.tables.tableNames.Contacts, clock),
      history: new DynamoDbCallHistory(env.tables.doc, env.tables.tableNames.CallerHistory, clock),
      queues: env.queues,
      clock,
    };
    const live: RoutingPolicy = { ...env.policy, callerLookup: 'live', timing: { ...env.policy.timing, negativeTtlSeconds: 0 } };
    const byPolicy = assembleRouteCallDeps({
      ...parts,
      callerDirectory: new DynamoDbCallerDirectory(env.tables.doc, env.tables.tableNames.CallerDirectory, clock),
      policy: async () => live,
    });
    const unreadable = assembleRouteCallDeps({
      ...parts,
      callerDirectory: new DynamoDbCallerDirectory(env.tables.doc, 'no-such-table', clock),
      policy: async () => ({ ...live, callerLookup: 'directory' }),
    });
    for (const deps of [byPolicy, unreadable]) {
      env.emulator.resetCounters();
      const result = await call(UNKNOWN_NUMBER, deps);
      expect(result.response).toMatchObject({ profileSource: 'live lookup', callerKnown: 'false', degraded: 'false' });
      expect(env.emulator.requestCount()).toBe(1);
    }
  });
});
