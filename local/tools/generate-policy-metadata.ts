import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import defaultPolicyJson from '../../config/default-policy.json';
import { RoutingPolicySchema } from '../../functions/src/domain/policy/policy';
import {
  type MetadataFieldDefinition,
  type MetadataRecord,
  type MetadataTypeDefinition,
  POLICY_METADATA_TYPES,
} from '../../functions/src/domain/policy/policy-metadata-types';
import { metadataFromPolicy } from '../../functions/src/domain/policy/policy-to-metadata';
import { customMetadataRecordXml, escapeXml, PACKAGE_SOURCE_DIR } from './custom-metadata-xml';

/**
 * Writes the routing configuration into crm-package: the Custom Metadata Types (objects/<Type>__mdt)
 * from the catalogue in policy-metadata-types.ts, and their default records from config/default-policy.json.
 * Run after changing either: `node bin/run-ts.js local/tools/generate-policy-metadata.ts`; commit the output.
 */
export function generatePolicyMetadata(sourceDir: string = PACKAGE_SOURCE_DIR): { types: number; records: number } {
  writeMetadataTypes(sourceDir, POLICY_METADATA_TYPES);
  const records = writeMetadataRecords(sourceDir, metadataFromPolicy(RoutingPolicySchema.parse(defaultPolicyJson)), Object.keys(POLICY_METADATA_TYPES));
  return { types: Object.keys(POLICY_METADATA_TYPES).length, records };
}

/** Writes each Custom Metadata Type of a catalogue (objects/<Type>__mdt), replacing what was there. */
export function writeMetadataTypes(sourceDir: string, catalogue: Record<string, MetadataTypeDefinition>): void {
  for (const [type, def] of Object.entries(catalogue)) {
    const dir = join(sourceDir, 'objects', type);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'fields'), { recursive: true });
    writeFileSync(join(dir, `${type}.object-meta.xml`), objectXml(def.label, def.pluralLabel, def.description));
    for (const [name, field] of Object.entries(def.fields) as [string, MetadataFieldDefinition][]) {
      writeFileSync(join(dir, 'fields', `${name}.field-meta.xml`), fieldXml(name, field));
    }
  }
}

/** Writes the records of these types (customMetadata/<Type>.<DeveloperName>.md-meta.xml), removing their stale ones; returns how many. */
export function writeMetadataRecords(sourceDir: string, rowsByType: Partial<Record<string, MetadataRecord[]>>, types: string[]): number {
  const recordsDir = join(sourceDir, 'customMetadata');
  mkdirSync(recordsDir, { recursive: true });
  const prefixes = types.map((t) => `${t.replace(/__mdt$/, '')}.`);
  for (const stale of readdirSync(recordsDir).filter((f) => prefixes.some((p) => f.startsWith(p)))) rmSync(join(recordsDir, stale));
  let count = 0;
  for (const [type, rows] of Object.entries(rowsByType)) {
    for (const row of rows ?? []) {
      writeFileSync(join(recordsDir, `${type.replace(/__mdt$/, '')}.${row.DeveloperName}.md-meta.xml`), customMetadataRecordXml(row));
      count++;
    }
  }
  return count;
}

function objectXml(label: string, pluralLabel: string, description: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <description>${escapeXml(description)}</description>
    <label>${escapeXml(label)}</label>
    <pluralLabel>${escapeXml(pluralLabel)}</pluralLabel>
    <visibility>Public</visibility>
</CustomObject>
`;
}

function fieldXml(name: string, field: MetadataFieldDefinition): string {
  const lines = [`<fullName>${name}</fullName>`];
  if (field.type === 'Checkbox') lines.push('<defaultValue>false</defaultValue>');
  lines.push(`<description>${escapeXml(field.help)}</description>`);
  if (field.type === 'Text' || field.type === 'Number') lines.push('<externalId>false</externalId>');
  lines.push('<fieldManageability>SubscriberControlled</fieldManageability>');
  lines.push(`<inlineHelpText>${escapeXml(field.help)}</inlineHelpText>`);
  lines.push(`<label>${escapeXml(field.label)}</label>`);
  if (field.length !== undefined) lines.push(`<length>${field.length}</length>`);
  if (field.precision !== undefined) lines.push(`<precision>${field.precision}</precision>`);
  if (field.type !== 'Checkbox') lines.push('<required>false</required>');
  if (field.scale !== undefined) lines.push(`<scale>${field.scale}</scale>`);
  lines.push(`<type>${field.type}</type>`);
  if (field.type === 'Text') lines.push('<unique>false</unique>');
  if (field.values) {
    const values = field.values.map((v) => `<value>\n<fullName>${escapeXml(v)}</fullName>\n<default>false</default>\n<label>${escapeXml(v)}</label>\n</value>`);
    lines.push(
      `<valueSet>\n<restricted>true</restricted>\n<valueSetDefinition>\n<sorted>false</sorted>\n${values.join('\n')}\n</valueSetDefinition>\n</valueSet>`,
    );
  }
  if (field.type === 'LongTextArea') lines.push('<visibleLines>5</visibleLines>');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n${indent(lines.join('\n'))}\n</CustomField>\n`;
}

/** Indents nested elements by four spaces per level, as Salesforce DX writes them. */
function indent(xml: string): string {
  let depth = 1;
  return xml
    .split('\n')
    .map((line) => {
      if (/^<\//.test(line)) depth--;
      const out = `${'    '.repeat(depth)}${line}`;
      if (/^<[^/?][^>]*[^/]>$/.test(line) && !line.includes('</')) depth++;
      return out;
    })
    .join('\n');
}

// Run as a script (bin/run-ts.js sets argv[1] to this file); importing it only defines the function.
if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  const { types, records } = generatePolicyMetadata();
  process.stdout.write(`wrote ${types} custom metadata types and ${records} records into ${PACKAGE_SOURCE_DIR}\n`);
}
