import { DynamoDbCallerDirectory } from '../../functions/src/adapters/dynamodb/caller-directory';
import { DynamoDbDirectoryStore } from '../../functions/src/adapters/dynamodb/directory-store';
import type { DirectoryEntity } from '../../functions/src/domain/directory/change-event';
import type { SalesforceFields } from '../../functions/src/domain/directory/directory-records';
import type { SalesforceRecords } from '../../functions/src/directory/read-current';
import { syncChanges, type DirectorySyncDeps } from '../../functions/src/directory/sync-changes';
import { syncFields } from '../../functions/src/directory/wiring';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb';
import { InMemoryDeadLetterQueue } from '../../local/fakes/dead-letter-queue';
import { ManualClock } from '../../local/fakes/clock';
import { loadEventRelayFixture, type EventRelayEnvelope, type EventRelayFixture } from '../fixtures/event-relay/load';

/** directory-sync's use case on the real directory store (DynamoDB Local), fed the documented Event Relay fixtures. */

const ADA = '003Dm0000000901IAA';
const BEN = '003Dm0000000902IAA';
const ACME = '001Dm0000000001IAA';
const T0 = 1_795_960_000_000; // before every fixture's commit
const clock = new ManualClock('2026-11-29T15:00:00.000Z');

let db: DynamoDbLocal;
let table = 0;

beforeAll(async () => {
  db = await startDynamoDbLocal({ tablePrefix: 'sync-changes-' });
}, 60_000);
afterAll(async () => db.stop());

/** Salesforce as gap events read it: records by id from a map; every read is counted. */
class SalesforceDouble implements SalesforceRecords {
  reads: Array<{ entity: DirectoryEntity; ids: string[] }> = [];
  constructor(readonly records = new Map<string, SalesforceFields>()) {}
  async read(entity: DirectoryEntity, ids: string[]) {
    this.reads.push({ entity, ids });
    return new Map(ids.filter((id) => this.records.has(id)).map((id) => [id, this.records.get(id)!]));
  }
}

async function setup(salesforce = new SalesforceDouble()) {
  const { CreateTableCommand } = await import('@aws-sdk/client-dynamodb');
  const name = `sync-changes-directory-${table++}`;
  await db.client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
    }),
  );
  const store = new DynamoDbDirectoryStore(db.doc, name, 'US');
  await store.updateMeta({ ready: true, watermark: '2026-11-29T13:00:00.000Z' });
  // The load saw Acme and Ada as they were before the fixtures' changes.
  await store.apply(
    'Account',
    {
      Id: ACME,
      Name: 'Acme Corp',
      Phone: '+1 415 555 0100',
      OwnerId: '005Dm0000000001AAA',
      Type: 'Customer',
      AnnualRevenue: 1000000,
      Callwise_Tier__c: 'Gold',
    },
    T0,
  );
  await store.apply(
    'Contact',
    {
      Id: ADA,
      Name: 'Ada Quinn',
      FirstName: 'Ada',
      LastName: 'Quinn',
      Phone: '+1 415 555 0142',
      MobilePhone: '(415) 555-0143',
      AccountId: ACME,
      OwnerId: '005Dm0000000001AAA',
    },
    T0,
  );
  const reconciled: DirectoryEntity[] = [];
  const deadLetters = new InMemoryDeadLetterQueue(() => clock.now());
  const deps: DirectorySyncDeps = {
    store,
    salesforce,
    reconcile: async (entity) => void reconciled.push(entity),
    deadLetters,
    clock,
    fields: syncFields(false),
  };
  const lookup = async (phone: string) => {
    const found = await new DynamoDbCallerDirectory(db.doc, name, clock).lookup(phone);
    return found.ready && found.profile.known ? found.profile.record?.id : undefined;
  };
  const cases = async (phone: string) => {
    const found = await new DynamoDbCallerDirectory(db.doc, name, clock).lookup(phone);
    return found.ready ? found.profile.openCases : undefined;
  };
  return { store, deps, reconciled, deadLetters, lookup, cases, salesforce };
}

let sequence = 0;
const message = (event: unknown, receiveCount = 1) => ({ messageId: `m-${sequence++}`, body: JSON.stringify(event), receiveCount });
const events = (...names: EventRelayFixture[]): EventRelayEnvelope[] => names.flatMap((n) => loadEventRelayFixture(n));

describe('syncChanges', () => {
  it('applies a record’s UPDATEs in commit order whatever the delivery order: the new number routes, the old one and the cleared mobile do not', async () => {
    const { store, deps, lookup } = await setup();
    const outcome = await syncChanges(
      events('contact-update-nulled', 'contact-update-phone').map((e) => message(e)),
      deps,
    );
    expect(outcome).toMatchObject({ failedMessageIds: [], parked: 0, applied: 2, stale: 0, refetched: 0 });
    const ada = (await store.records([ADA])).get(ADA)!;
    expect(ada.version).toBe(1_795_961_171_000);
    expect(ada.fields).toMatchObject({ Phone: '+1 415 555 0199', MobilePhone: null, FirstName: 'Ada', LastName: 'Quinn-Harper', Name: null });
    expect(await lookup('+14155550199')).toBe(ADA);
    expect(await lookup('+14155550142')).toBeUndefined();
    expect(await lookup('+14155550143')).toBeUndefined();
  });

  it('repeated and late events change nothing and are counted stale', async () => {
    const now = {
      Id: ADA,
      Name: 'Ada Quinn-Harper',
      FirstName: 'Ada',
      LastName: 'Quinn-Harper',
      Phone: '+1 415 555 0199',
      MobilePhone: null,
      AccountId: ACME,
      OwnerId: '005Dm0000000001AAA',
      SystemModstamp: '2026-11-29T14:06:11.000Z',
    };
    const { store, deps } = await setup(new SalesforceDouble(new Map([[ADA, now]])));
    await syncChanges(
      events('contact-update-nulled').map((e) => message(e)),
      deps,
    );
    const again = await syncChanges(
      events('contact-update-phone', 'contact-update-nulled', 'contact-create').map((e) => message(e)),
      deps,
    );
    expect(again).toMatchObject({ failedMessageIds: [], stale: 3 });
    // The late phone change (older than the held record) said something new: Ada is read from Salesforce.
    expect([again.refetched, again.applied]).toEqual([1, 1]);
    expect((await store.records([ADA])).get(ADA)?.fields).toMatchObject({ LastName: 'Quinn-Harper', Phone: '+1 415 555 0199' });
  });

  it('an UNDELETE after a DELETE keeps the record and its number, whatever the delivery order; the DELETE again is stale', async () => {
    const { deps, lookup } = await setup();
    await syncChanges(
      events('contact-undelete', 'contact-delete').map((e) => message(e)),
      deps,
    );
    expect(await lookup('+442079460958')).toBe(BEN);
    const late = await syncChanges(
      events('contact-delete').map((e) => message(e)),
      deps,
    );
    expect(late).toMatchObject({ applied: 0, stale: 1 });
    expect(await lookup('+442079460958')).toBe(BEN);
  });

  it('a merge removes the losers and updates the winner; a converted Lead keeps no number and its Contact and Account arrive', async () => {
    const { store, deps, lookup } = await setup();
    const outcome = await syncChanges(
      events('contact-merge', 'lead-convert').map((e) => message(e)),
      deps,
    );
    expect(outcome.failedMessageIds).toEqual([]);
    const held = await store.records(['003Dm0000000904IAA', '003Dm0000000905IAA', ADA, '003Dm0000000903IAA', '001Dm0000000901IAA']);
    expect([held.get('003Dm0000000904IAA')?.deleted, held.get('003Dm0000000905IAA')?.deleted]).toEqual([true, true]);
    expect(held.get(ADA)?.fields.HomePhone).toBe('+1 650 555 0123');
    expect(await lookup('+16505550123')).toBe(ADA);
    expect(await lookup('+19175550110')).toBe('003Dm0000000903IAA');
    // The converted Lead was never loaded: its UPDATE is read from Salesforce, which has it converted.
    expect(outcome.refetched).toBe(1);
  });

  it('gap events read their records in one request per entity; a record Salesforce no longer has is removed', async () => {
    const salesforce = new SalesforceDouble(
      new Map([
        [
          ADA,
          {
            Id: ADA,
            Name: 'Ada Quinn',
            FirstName: 'Ada',
            LastName: 'Quinn',
            Phone: '+1 415 555 0177',
            AccountId: ACME,
            OwnerId: '005Dm0000000001AAA',
            SystemModstamp: '2026-11-29T14:29:30.000Z',
          },
        ],
      ]),
    );
    const { store, deps, lookup } = await setup(salesforce);
    const outcome = await syncChanges(
      events('contact-gap-update').map((e) => message(e)),
      deps,
    );
    expect(salesforce.reads).toEqual([{ entity: 'Contact', ids: [ADA, '003Dm0000000906IAA', '003Dm0000000907IAA'] }]);
    expect(outcome).toMatchObject({ refetched: 3, applied: 3, failedMessageIds: [] });
    expect(await lookup('+14155550177')).toBe(ADA);
    expect((await store.records(['003Dm0000000906IAA'])).get('003Dm0000000906IAA')?.deleted).toBe(true);
  });

  it('a Case opened then closed moves the caller’s open-case count, without touching the number items', async () => {
    const { deps, cases } = await setup();
    await syncChanges(
      events('case-create').map((e) => message(e)),
      deps,
    );
    expect(await cases('+14155550142')).toMatchObject({ count: 1, latestSubject: 'Invoice shows the wrong VAT rate', latestPriority: 'High' });
    await syncChanges(
      events('case-update-closed').map((e) => message(e)),
      deps,
    );
    expect(await cases('+14155550142')).toMatchObject({ count: 0 });
  });

  it('an overflow event reconciles its entity', async () => {
    const { deps, reconciled } = await setup();
    const outcome = await syncChanges(
      events('account-gap-overflow').map((e) => message(e)),
      deps,
    );
    expect(reconciled).toEqual(['Account']);
    expect(outcome.reconciled).toEqual(['Account']);
  });

  it('parks a malformed event with a reason naming what is wrong, and applies the rest of the batch', async () => {
    const { deps, deadLetters, store } = await setup();
    const [phone] = events('contact-update-phone');
    const bad = {
      ...phone!,
      detail: {
        ...phone!.detail,
        payload: { ...phone!.detail.payload, ChangeEventHeader: { ...phone!.detail.payload.ChangeEventHeader, changeType: 'SNAPSHOT' } },
      },
    };
    const outcome = await syncChanges([message(bad), { messageId: 'm-raw', body: 'not json at all', receiveCount: 1 }, message(phone)], deps);
    expect(outcome).toMatchObject({ failedMessageIds: [], parked: 2, applied: 1 });
    expect(deadLetters.letters.map((l) => [l.source, l.reason])).toEqual([
      ['change-event', expect.stringContaining('change type "SNAPSHOT" is not a documented one')],
      ['change-event', expect.stringContaining('the message body is not JSON')],
    ]);
    expect((await store.records([ADA])).get(ADA)?.fields.Phone).toBe('+1 415 555 0199');
  });

  it('a write that fails hands back only its messages; the redelivery completes the batch', async () => {
    const { deps, store, lookup } = await setup();
    const apply = async (entity: DirectoryEntity, fields: SalesforceFields, version: number) => {
      if (entity === 'Case') throw new Error('DynamoDB did not answer');
      return store.apply(entity, fields, version);
    };
    const failing = {
      ...deps,
      store: { records: store.records.bind(store), updateMeta: store.updateMeta.bind(store), remove: store.remove.bind(store), apply },
    };
    const batch = events('contact-update-phone', 'case-create').map((e) => message(e));
    const first = await syncChanges(batch, failing);
    expect(first.failedMessageIds).toEqual([batch[1]!.messageId]);
    expect(await lookup('+14155550199')).toBe(ADA);
    const redelivered = await syncChanges(
      batch.map((m) => ({ ...m, receiveCount: 2 })),
      deps,
    );
    expect(redelivered).toMatchObject({ failedMessageIds: [], applied: 1, stale: 1 });
    expect((await store.records(['500Dm0000000901IAA'])).get('500Dm0000000901IAA')?.fields.Subject).toBe('Invoice shows the wrong VAT rate');
  });

  it('parks a message that still fails on its last receive, with the reason', async () => {
    const { deps, store, deadLetters } = await setup();
    const apply = async () => Promise.reject(new Error('DynamoDB did not answer'));
    const failing = {
      ...deps,
      store: { records: store.records.bind(store), updateMeta: store.updateMeta.bind(store), remove: store.remove.bind(store), apply },
    };
    const outcome = await syncChanges(
      events('case-create').map((e) => message(e, 5)),
      failing,
    );
    expect(outcome).toMatchObject({ failedMessageIds: [], parked: 1 });
    expect(deadLetters.letters[0]?.reason).toBe('The change event was not applied after 5 attempts: the directory or Salesforce did not answer');
  });

  it('records the newest change event applied in the directory’s meta item', async () => {
    const { deps, store } = await setup();
    await syncChanges(
      events('contact-update-nulled', 'contact-update-phone').map((e) => message(e)),
      deps,
    );
    expect((await store.meta()).lastEvent).toEqual({
      commitTimestamp: 1_795_961_171_000,
      replayId: '5f6a7b8c-0000-4000-8000-000000000005',
      appliedAt: '2026-11-29T15:00:00.000Z',
    });
  });
});
