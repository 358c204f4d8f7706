import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import defaultStandardJson from '../../config/default-handling-standard.json';
import { HandlingStandardSchema } from '../../functions/src/domain/handling/standard';
import { metadataFromStandard, standardFromMetadata, type HandlingMetadataRecords } from '../../functions/src/domain/handling/standard-metadata';
import { HANDLING_METADATA_TYPES } from '../../functions/src/domain/handling/standard-metadata-types';
import type { MetadataFieldDefinition } from '../../functions/src/domain/policy/policy-metadata-types';
import { PACKAGE_SOURCE_DIR, readCustomMetadataRecords } from '../../local/tools/custom-metadata-xml';

const DEFAULT_STANDARD = HandlingStandardSchema.parse(defaultStandardJson);

describe('call-handling standard shipped as custom metadata', () => {
  it('the committed default records are the default standard', () => {
    const records = readCustomMetadataRecords(PACKAGE_SOURCE_DIR, 'Callwise_Handling_') as HandlingMetadataRecords;

    expect(standardFromMetadata(records)).toEqual({ ok: true, standard: DEFAULT_STANDARD });
  });

  it('metadataFromStandard and standardFromMetadata are inverses', () => {
    expect(standardFromMetadata(metadataFromStandard(DEFAULT_STANDARD))).toEqual({ ok: true, standard: DEFAULT_STANDARD });
  });

  const parser = new XMLParser({ parseTagValue: false });
  const typeFields = Object.entries(HANDLING_METADATA_TYPES).flatMap(([type, def]) =>
    Object.entries(def.fields as Record<string, MetadataFieldDefinition>).map(([field, spec]) => [type, field, spec] as const),
  );

  it.each(typeFields)('%s.%s is in the package as the catalogue says', (type, field, spec) => {
    const parsed = (parser.parse(readFileSync(join(PACKAGE_SOURCE_DIR, 'objects', type, 'fields', `${field}.field-meta.xml`), 'utf8')) as { CustomField: Record<string, string> }).CustomField;
    expect([parsed.type, parsed.length && Number(parsed.length), parsed.precision && Number(parsed.precision)]).toEqual([spec.type, spec.length, spec.precision]);
  });

  it.each(Object.keys(HANDLING_METADATA_TYPES))('%s ships no field the catalogue lacks', (type) => {
    const shipped = readdirSync(join(PACKAGE_SOURCE_DIR, 'objects', type, 'fields')).map((f) => f.replace('.field-meta.xml', ''));
    expect(shipped.sort()).toEqual(Object.keys(HANDLING_METADATA_TYPES[type as keyof typeof HANDLING_METADATA_TYPES].fields).sort());
  });
});

function withChange(type: keyof HandlingMetadataRecords, developerName: string, field: string, value: string | number | null): HandlingMetadataRecords {
  const records = metadataFromStandard(DEFAULT_STANDARD);
  records[type].find((r) => r.DeveloperName === developerName)![field] = value;
  return records;
}

describe('a broken handling record is rejected with the record to fix', () => {
  it.each([
    ['a pattern that is not a regular expression', withChange('Callwise_Handling_Step__mdt', 'support_greeting', 'And_Patterns__c', '(oops'), 'Callwise_Handling_Step__mdt record "support_greeting": detection.allOf.1.patterns.0: not a valid regular expression'],
    ['a weight out of range', withChange('Callwise_Handling_Step__mdt', 'sales_resolution', 'Weight__c', 250), 'Callwise_Handling_Step__mdt record "sales_resolution": weight:'],
    ['an unknown behaviour limit', withChange('Callwise_Handling_Behaviour__mdt', 'support_interruptions', 'Maximum__c', null), 'Callwise_Handling_Behaviour__mdt record "support_interruptions": max:'],
    ['a version that differs between variants', withChange('Callwise_Handling_Variant__mdt', 'support', 'Standard_Version__c', 'v2'), 'Callwise_Handling_Variant__mdt record "support", field Standard_Version__c: every variant must carry the same version'],
    ['a catch-all variant with conditions', withChange('Callwise_Handling_Variant__mdt', 'support', 'Intents__c', 'support'), 'Callwise_Handling_Variant__mdt record "support": appliesTo: the last variant is the catch-all'],
  ])('%s', (_case, records, expected) => {
    const result = standardFromMetadata(records);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});
