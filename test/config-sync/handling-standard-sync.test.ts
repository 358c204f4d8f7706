import defaultStandardJson from '../../config/default-handling-standard.json';
import defaultPolicyJson from '../../config/default-policy.json';
import { DynamoDbHandlingStandardStore } from '../../functions/src/adapters/dynamodb/handling-standard-store';
import { DynamoDbPolicyStore } from '../../functions/src/adapters/dynamodb/policy-store';
import { syncConfig } from '../../functions/src/config-sync/sync-config';
import { HandlingStandardSchema } from '../../functions/src/domain/handling/standard';
import { type HandlingMetadataRecords, metadataFromStandard } from '../../functions/src/domain/handling/standard-metadata';
import { RoutingPolicySchema } from '../../functions/src/domain/policy/policy';
import { metadataFromPolicy } from '../../functions/src/domain/policy/policy-to-metadata';
import { ManualClock } from '../../local/fakes/clock';
import { createLocalTables, type DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb';

/** sync-config carries the call-handling standard admins edit in Salesforce to the Policy table, beside the policy. */
const DEFAULT_STANDARD = HandlingStandardSchema.parse(defaultStandardJson);
const DEFAULT_POLICY = RoutingPolicySchema.parse(defaultPolicyJson);

let dynamo: DynamoDbLocal;
let tableCount = 0;
beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ createTables: false });
}, 90_000);
afterAll(async () => {
  await dynamo?.stop();
});

async function stores() {
  const tables = await createLocalTables(dynamo.client, `handling-sync-${++tableCount}-`);
  const clock = new ManualClock('2026-11-27T09:01:00Z', 60_000);
  return {
    clock,
    policies: new DynamoDbPolicyStore(dynamo.doc, tables.Policy, clock, 0),
    standards: new DynamoDbHandlingStandardStore(dynamo.doc, tables.Policy, clock, 0),
  };
}

function orgRecords(changeStandard?: (r: Required<HandlingMetadataRecords>) => void) {
  const standard = metadataFromStandard(DEFAULT_STANDARD);
  changeStandard?.(standard);
  return { ...metadataFromPolicy(DEFAULT_POLICY), ...standard };
}

describe('sync-config and the handling standard', () => {
  it('stores the standard built from the org, then finds it unchanged', async () => {
    const { clock, policies, standards } = await stores();
    const sync = () => syncConfig({ readMetadata: async () => orgRecords(), store: policies, clock, handling: { store: standards } });

    const first = await sync();
    const second = await sync();

    expect(first.handling).toMatchObject({ status: 'stored', version: DEFAULT_STANDARD.version });
    expect(second.handling).toMatchObject({ status: 'unchanged', version: DEFAULT_STANDARD.version });
    expect((await standards.current())?.standard).toEqual(DEFAULT_STANDARD);
    expect((await policies.current())?.policy).toEqual(DEFAULT_POLICY);
  });

  it("applies an admin's edit: a step's weight changed in Salesforce is the weight in force", async () => {
    const { clock, policies, standards } = await stores();
    await syncConfig({ readMetadata: async () => orgRecords(), store: policies, clock, handling: { store: standards } });
    const edited = orgRecords((r) => (r.Callwise_Handling_Step__mdt[0]!.Weight__c = 7));
    const editedStep = edited.Callwise_Handling_Step__mdt[0]!;

    const result = await syncConfig({ readMetadata: async () => edited, store: policies, clock, handling: { store: standards } });

    expect(result.handling?.status).toBe('stored');
    const variant = (await standards.current())!.standard.variants.find((v) => v.name.toLowerCase() === String(editedStep.Variant__c).toLowerCase());
    expect(variant?.steps.find((s) => s.key === editedStep.Step__c)?.weight).toBe(7);
  });

  it('rejects a broken standard, naming the record, and keeps the last good one; the policy still syncs', async () => {
    const { clock, policies, standards } = await stores();
    await syncConfig({ readMetadata: async () => orgRecords(), store: policies, clock, handling: { store: standards } });
    const before = await standards.current();
    const broken = orgRecords((r) => (r.Callwise_Handling_Step__mdt[0]!.Weight__c = 500));
    const rejected: string[][] = [];

    const result = await syncConfig({
      readMetadata: async () => broken,
      store: policies,
      clock,
      handling: { store: standards, onRejected: (e) => rejected.push(e) },
    });

    expect(result.status).toBe('unchanged');
    expect(result.handling?.status).toBe('rejected');
    expect(rejected[0]?.join('\n')).toContain(`Callwise_Handling_Step__mdt record "${broken.Callwise_Handling_Step__mdt[0]!.DeveloperName}"`);
    expect(await standards.current()).toEqual(before);
  });
});
