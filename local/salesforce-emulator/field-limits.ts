import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { PACKAGE_SOURCE_DIR } from '../tools/custom-metadata-xml';
import { recordError, type RecordError } from './errors';

/**
 * Text length and number precision of the fields the emulator knows: the package's custom fields read
 * from their `.field-meta.xml` (so the emulator enforces what the package ships), and the standard
 * fields' sizes from the Object Reference. Salesforce answers STRING_TOO_LONG and
 * NUMBER_OUTSIDE_VALID_RANGE for values that do not fit; extra decimals are rounded, not refused.
 */

export type FieldLimit = { label: string; length: number } | { label: string; precision: number; scale: number };

/** Standard text fields and their lengths (Object Reference for Salesforce and Lightning Platform). */
const STANDARD_TEXT: Record<string, Record<string, number>> = {
  Task: { Subject: 255, CallObject: 255, CallDisposition: 255, Description: 32000, Type: 40, Status: 40, Priority: 40 },
  Contact: {
    FirstName: 40,
    LastName: 80,
    Salutation: 40,
    Title: 128,
    Email: 80,
    Phone: 40,
    MobilePhone: 40,
    HomePhone: 40,
    OtherPhone: 40,
    AssistantPhone: 40,
    Department: 80,
    MailingCity: 40,
    Description: 32000,
  },
  Lead: { FirstName: 40, LastName: 80, Company: 255, Title: 128, Email: 80, Phone: 40, MobilePhone: 40, Description: 32000 },
  Account: {
    Name: 255,
    Phone: 40,
    Fax: 40,
    Website: 255,
    BillingCity: 40,
    AccountNumber: 40,
    Description: 32000,
    PersonEmail: 80,
    PersonMobilePhone: 40,
    PersonHomePhone: 40,
    PersonOtherPhone: 40,
    PersonAssistantPhone: 40,
  },
  Case: { Subject: 255, Description: 32000 },
  Opportunity: { Name: 120, NextStep: 255, Description: 32000 },
};

/** Custom fields on the Activity object apply to Task (and Event). */
const PACKAGE_OBJECTS: Record<string, string> = { Activity: 'Task', Account: 'Account', Contact: 'Contact', Lead: 'Lead' };

interface FieldXml {
  fullName?: string;
  label?: string;
  type?: string;
  length?: string;
  precision?: string;
  scale?: string;
}

/** The package's custom field sizes, by sObject (Activity fields under Task). */
export function packageFieldLimits(sourceDir: string = PACKAGE_SOURCE_DIR): Map<string, Map<string, FieldLimit>> {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
  const out = new Map<string, Map<string, FieldLimit>>();
  for (const [folder, sobject] of Object.entries(PACKAGE_OBJECTS)) {
    const dir = join(sourceDir, 'objects', folder, 'fields');
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.field-meta.xml'));
    } catch {
      continue;
    }
    const limits = out.get(sobject) ?? new Map<string, FieldLimit>();
    for (const file of files) {
      const field = (parser.parse(readFileSync(join(dir, file), 'utf8')) as { CustomField?: FieldXml }).CustomField;
      const limit = field && toLimit(field);
      if (field?.fullName && limit) limits.set(field.fullName, limit);
    }
    out.set(sobject, limits);
  }
  return out;
}

function toLimit(field: FieldXml): FieldLimit | undefined {
  const label = field.label ?? field.fullName ?? '';
  if ((field.type === 'Text' || field.type === 'TextArea' || field.type === 'LongTextArea') && field.length) return { label, length: Number(field.length) };
  if (field.type === 'Url') return { label, length: 255 };
  if (field.type === 'Number' && field.precision) return { label, precision: Number(field.precision), scale: Number(field.scale ?? 0) };
  return undefined;
}

let packaged: Map<string, Map<string, FieldLimit>> | undefined;

export class FieldLimits {
  private readonly bySObject = new Map<string, Map<string, FieldLimit>>();

  constructor(custom: Map<string, Map<string, FieldLimit>> = (packaged ??= packageFieldLimits())) {
    for (const [sobject, fields] of Object.entries(STANDARD_TEXT))
      this.bySObject.set(sobject, new Map(Object.entries(fields).map(([name, length]) => [name, { label: name, length }])));
    for (const [sobject, fields] of custom) for (const [name, limit] of fields) this.of(sobject).set(name, limit);
  }

  private of(sobject: string): Map<string, FieldLimit> {
    let fields = this.bySObject.get(sobject);
    if (!fields) this.bySObject.set(sobject, (fields = new Map()));
    return fields;
  }

  get(sobject: string, field: string): FieldLimit | undefined {
    return this.bySObject.get(sobject)?.get(field);
  }

  /** The first value that does not fit its field, as Salesforce reports it; numbers come back rounded to their scale. */
  check(sobject: string, fields: Record<string, unknown>): { error?: RecordError; rounded: Record<string, unknown> } {
    const rounded: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      const limit = this.get(sobject, name);
      if (!limit || value === null || value === undefined) continue;
      if ('length' in limit) {
        if (typeof value === 'string' && value.length > limit.length) {
          return {
            rounded,
            error: recordError('STRING_TOO_LONG', `${limit.label}: data value too large: ${value.slice(0, 20)}... (max length=${limit.length})`, [name]),
          };
        }
        continue;
      }
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(number)) continue;
      const atScale = Number(number.toFixed(limit.scale));
      if (Math.abs(atScale) >= 10 ** (limit.precision - limit.scale)) {
        return {
          rounded,
          error: recordError('NUMBER_OUTSIDE_VALID_RANGE', `${limit.label}: value outside of valid range on numeric field: ${number}`, [name]),
        };
      }
      if (typeof value === 'number') rounded[name] = atScale;
    }
    return { rounded };
  }
}
