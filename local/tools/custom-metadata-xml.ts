import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { MetadataRecord, MetadataValue } from '../../functions/src/domain/policy/policy-metadata-types';

/**
 * Custom metadata records as Salesforce DX stores them (customMetadata/<Type>.<DeveloperName>.md-meta.xml),
 * read into the rows the REST API would return and written back. Used by the package generator,
 * the package tests and `callwise policy pull` (to seed the local emulator).
 */

export class CustomMetadataXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustomMetadataXmlError';
  }
}

export const PACKAGE_SOURCE_DIR = join(__dirname, '../../crm-package/force-app/main/default');

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, isArray: (name) => name === 'values' });

interface ValueNode {
  '#text'?: string;
  '@_xsi:type'?: string;
  '@_xsi:nil'?: string;
}

/** Parses one record file's XML into a row (`DeveloperName` comes from the file name). */
export function parseCustomMetadataRecord(xml: string, developerName: string): MetadataRecord {
  const doc = parser.parse(xml) as { CustomMetadata?: { label?: string; values?: Array<{ field?: string; value?: string | ValueNode }> } };
  const root = doc.CustomMetadata;
  if (!root) throw new CustomMetadataXmlError(`record ${developerName}: not a CustomMetadata document`);
  const row: MetadataRecord = { DeveloperName: developerName, MasterLabel: String(root.label ?? developerName) };
  for (const entry of root.values ?? []) {
    if (!entry.field) throw new CustomMetadataXmlError(`record ${developerName}: a <values> element has no <field>`);
    row[entry.field] = valueOf(entry.value);
  }
  return row;
}

function valueOf(node: string | ValueNode | undefined): MetadataValue {
  if (node === undefined || node === '') return null;
  if (typeof node === 'string') return node;
  if (node['@_xsi:nil'] === 'true') return null;
  const text = node['#text'] ?? '';
  switch (node['@_xsi:type']) {
    case 'xsd:double':
    case 'xsd:int':
      return text === '' ? null : Number(text);
    case 'xsd:boolean':
      return text === 'true';
    default:
      return text;
  }
}

/** Every record in `<sourceDir>/customMetadata`, grouped by type API name (`Callwise_Queue__mdt`). */
export function readCustomMetadataRecords(sourceDir: string = PACKAGE_SOURCE_DIR, prefix = 'Callwise_'): Record<string, MetadataRecord[]> {
  const dir = join(sourceDir, 'customMetadata');
  const records: Record<string, MetadataRecord[]> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.md-meta.xml'))
    .sort()) {
    const [type, developerName] = file.replace(/\.md-meta\.xml$/, '').split('.');
    if (!type || !developerName) throw new CustomMetadataXmlError(`${file}: expected <Type>.<DeveloperName>.md-meta.xml`);
    (records[`${type}__mdt`] ??= []).push(parseCustomMetadataRecord(readFileSync(join(dir, file), 'utf8'), developerName));
  }
  return records;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One record as a .md-meta.xml document (fields in the order given; null → xsi:nil). */
export function customMetadataRecordXml(row: MetadataRecord): string {
  const values = Object.entries(row)
    .filter(([field]) => field !== 'DeveloperName' && field !== 'MasterLabel')
    .map(([field, value]) => `    <values>\n        <field>${field}</field>\n        ${valueXml(value ?? null)}\n    </values>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
    `    <label>${escapeXml(row.MasterLabel ?? row.DeveloperName)}</label>`,
    '    <protected>false</protected>',
    ...values,
    '</CustomMetadata>',
    '',
  ].join('\n');
}

function valueXml(value: MetadataValue): string {
  if (value === null) return '<value xsi:nil="true"/>';
  if (typeof value === 'number') return `<value xsi:type="xsd:double">${value}</value>`;
  if (typeof value === 'boolean') return `<value xsi:type="xsd:boolean">${value}</value>`;
  return `<value xsi:type="xsd:string">${escapeXml(value)}</value>`;
}
