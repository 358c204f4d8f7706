import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import defaultPolicyJson from '../../config/default-policy.json';
import { RoutingPolicySchema } from '../../functions/src/domain/policy/policy';
import { policyFromMetadata } from '../../functions/src/domain/policy/policy-metadata';
import { type MetadataFieldDefinition, POLICY_METADATA_TYPES, type PolicyMetadataRecords } from '../../functions/src/domain/policy/policy-metadata-types';
import { metadataFromPolicy } from '../../functions/src/domain/policy/policy-to-metadata';
import { PACKAGE_SOURCE_DIR, readCustomMetadataRecords } from '../../local/tools/custom-metadata-xml';

const DEFAULT_POLICY = RoutingPolicySchema.parse(defaultPolicyJson);

describe('routing configuration shipped as custom metadata', () => {
  it('the committed default records are the default policy', () => {
    const records = readCustomMetadataRecords();

    const result = policyFromMetadata(records);

    expect(result).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });

  it('metadataFromPolicy and policyFromMetadata are inverses', () => {
    expect(policyFromMetadata(metadataFromPolicy(DEFAULT_POLICY))).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });

  const parser = new XMLParser({ parseTagValue: false });
  const typeFields = Object.entries(POLICY_METADATA_TYPES).flatMap(([type, def]) =>
    Object.entries(def.fields as Record<string, MetadataFieldDefinition>).map(([field, spec]) => [type, field, spec] as const),
  );

  it.each(typeFields)('%s.%s is in the package as the catalogue says', (type, field, spec) => {
    const xml = readFileSync(join(PACKAGE_SOURCE_DIR, 'objects', type, 'fields', `${field}.field-meta.xml`), 'utf8');
    const parsed = (parser.parse(xml) as { CustomField: Record<string, string> }).CustomField;

    expect(parsed.type).toBe(spec.type);
    expect(parsed.length && Number(parsed.length)).toBe(spec.length);
    expect(parsed.precision && Number(parsed.precision)).toBe(spec.precision);
    expect(parsed.scale && Number(parsed.scale)).toBe(spec.scale);
  });

  it.each(Object.keys(POLICY_METADATA_TYPES))('%s ships no field the catalogue lacks', (type) => {
    const shipped = readdirSync(join(PACKAGE_SOURCE_DIR, 'objects', type, 'fields')).map((f) => f.replace('.field-meta.xml', ''));

    expect(shipped.sort()).toEqual(Object.keys(POLICY_METADATA_TYPES[type as keyof typeof POLICY_METADATA_TYPES].fields).sort());
  });
});

/** The default records with one field of one record changed. */
function withChange(type: keyof typeof POLICY_METADATA_TYPES, developerName: string, field: string, value: string | number | boolean | null): PolicyMetadataRecords {
  const records = metadataFromPolicy(DEFAULT_POLICY);
  const row = records[type]?.find((r) => r.DeveloperName === developerName);
  if (!row) throw new Error(`no ${type} record ${developerName}`);
  row[field] = value;
  return records;
}

describe('Callwise Agent records', () => {
  it('read an agent ARN left in the old Agent_Arn__c field (Agent_Id__c blank) as its id', () => {
    const records = withChange('Callwise_Agent__mdt', 'Demo_Rep_03', 'Agent_Id__c', null);
    records.Callwise_Agent__mdt!.find((r) => r.DeveloperName === 'Demo_Rep_03')!.Agent_Arn__c = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance/agent/agent-003';

    expect(policyFromMetadata(records)).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });

  it('reject an Agent_Id__c that is not an agent id or ARN, naming the record and field', () => {
    const result = policyFromMetadata(withChange('Callwise_Agent__mdt', 'Demo_Rep_03', 'Agent_Id__c', 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance/queue/sales'));

    expect(result.ok ? [] : result.errors).toEqual([expect.stringContaining('Callwise_Agent__mdt record "Demo_Rep_03", field Agent_Id__c: expected a Connect agent (user) id')]);
  });
});

describe('Call Dispositions (Callwise_Setting__mdt.Dispositions__c)', () => {
  it.each([
    ['a list an admin typed', 'Resolved; Callback booked ;Escalated', ['Resolved', 'Callback booked', 'Escalated']],
    ['blank: the Callwise defaults', null, ['Resolved', 'Follow-up', 'Escalated', 'Sale', 'Voicemail', 'Wrong number', 'No answer']],
  ])('%s', (_case, value, expected) => {
    const result = policyFromMetadata(withChange('Callwise_Setting__mdt', 'Default', 'Dispositions__c', value));

    expect(result.ok && result.policy.dispositions).toEqual(expected);
  });
});

describe('a broken record is rejected with the record and field to fix', () => {
  it.each([
    ['a rule sends calls to an unknown queue', withChange('Callwise_Routing_Rule__mdt', 'billing', 'Then_Queue__c', 'nowhere'), 'Callwise_Routing_Rule__mdt record "billing", field Then_Queue__c: unknown queue "nowhere"'],
    ['the opening time is not HH:MM', withChange('Callwise_Setting__mdt', 'Default', 'Open_Time__c', '8am'), 'Callwise_Setting__mdt record "Default", field Open_Time__c: expected HH:MM'],
    ['a priority is not a number', withChange('Callwise_Routing_Rule__mdt', 'vip', 'Then_Priority__c', 'high'), 'Callwise_Routing_Rule__mdt record "vip", field Then_Priority__c: expected a number, got "high"'],
    ['a priority is out of range', withChange('Callwise_Routing_Rule__mdt', 'vip', 'Then_Priority__c', 11), 'Callwise_Routing_Rule__mdt record "vip", field Then_Priority__c:'],
    ['a rule names an unknown intent', withChange('Callwise_Routing_Rule__mdt', 'support', 'When_Intents__c', 'support;complaints'), 'Callwise_Routing_Rule__mdt record "support", field When_Intents__c: unknown intent "complaints"'],
    ['a rule names an unknown tier', withChange('Callwise_Routing_Rule__mdt', 'vip', 'When_Tiers__c', 'gold'), 'Callwise_Routing_Rule__mdt record "vip", field When_Tiers__c: unknown value tier "gold"'],
    ['overflow goes to an unknown queue', withChange('Callwise_Queue__mdt', 'sales', 'Overflow_To_Queue__c', 'elsewhere'), 'Callwise_Queue__mdt record "sales", field Overflow_To_Queue__c: unknown queue "elsewhere"'],
    ['a queue has no ARN', withChange('Callwise_Queue__mdt', 'vip', 'Arn__c', null), 'Callwise_Queue__mdt record "vip", field Arn__c:'],
    ['an intent has a bad CRM signal', withChange('Callwise_Intent__mdt', 'billing', 'Crm_Signals__c', 'overdueInvoice;angry'), 'Callwise_Intent__mdt record "billing", field Crm_Signals__c:'],
    ['a dialled number is not E.164', withChange('Callwise_Intent__mdt', 'sales', 'Dialled_Numbers__c', '800-555-0100'), 'Callwise_Intent__mdt record "sales", field Dialled_Numbers__c: expected an E.164 number'],
    ['an agent has a malformed user id', withChange('Callwise_Agent__mdt', 'Demo_Rep_03', 'Salesforce_User_Id__c', '003Dm0000000003AAA'), 'Callwise_Agent__mdt record "Demo_Rep_03", field Salesforce_User_Id__c: expected a Salesforce User Id'],
    ['a value weight has an unknown kind', withChange('Callwise_Value_Weight__mdt', 'Lead', 'Kind__c', 'Prospect'), 'Callwise_Value_Weight__mdt record "Lead", field Kind__c: expected one of'],
    ['an account tier weight has no points', withChange('Callwise_Value_Weight__mdt', 'Account_Tier_Gold', 'Points__c', null), 'Callwise_Value_Weight__mdt record "Account_Tier_Gold", field Points__c:'],
    ['a caller-known condition is not Yes/No', withChange('Callwise_Routing_Rule__mdt', 'unknown_caller', 'When_Caller_Known__c', 'Maybe'), 'Callwise_Routing_Rule__mdt record "unknown_caller", field When_Caller_Known__c: expected Yes, No or blank'],
    ['the time zone is unknown', withChange('Callwise_Setting__mdt', 'Default', 'Timezone__c', 'Mars/Olympus'), 'Callwise_Setting__mdt record "Default", field Timezone__c: unknown IANA time zone'],
    ['the default intent is unknown', withChange('Callwise_Setting__mdt', 'Default', 'Default_Intent__c', 'chat'), 'Callwise_Setting__mdt record "Default", field Default_Intent__c: unknown intent "chat"'],
    ['two queues share a key', withChange('Callwise_Queue__mdt', 'general', 'Key__c', 'sales'), 'Callwise_Queue__mdt record "general", field Key__c: duplicate queue key "sales"'],
  ])('%s', (_case, records, expected) => {
    const result = policyFromMetadata(records);

    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it('no tier starting at 0 names the tier type', () => {
    const records = withChange('Callwise_Value_Tier__mdt', 'low', 'Min_Score__c', 5);

    const result = policyFromMetadata(records);

    expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/^Callwise_Value_Tier__mdt: one tier must have minScore 0/)]);
  });

  it.each([0, 2])('%i setting records is an error', (count) => {
    const records = metadataFromPolicy(DEFAULT_POLICY);
    const setting = records.Callwise_Setting__mdt![0]!;
    records.Callwise_Setting__mdt = Array.from({ length: count }, (_, i) => ({ ...setting, DeveloperName: `S${i}` }));

    expect(policyFromMetadata(records)).toEqual({ ok: false, errors: [`Callwise_Setting__mdt: expected exactly one record (Default), found ${count}`] });
  });

  it('no rule records names the rule type', () => {
    const records = { ...metadataFromPolicy(DEFAULT_POLICY), Callwise_Routing_Rule__mdt: [] };

    expect(policyFromMetadata(records)).toEqual({ ok: false, errors: [expect.stringMatching(/^Callwise_Routing_Rule__mdt: /)] });
  });
});
