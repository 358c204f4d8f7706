import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { CALL_TASK_FIELDS } from '../../functions/src/domain/outcome/call-task-fields';

/** The package ships every field the Lambdas write, with the same type and size (one source of truth). */
const OBJECTS = join(__dirname, '../../crm-package/force-app/main/default/objects');
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

interface FieldXml {
  fullName?: string;
  label?: string;
  description?: string;
  inlineHelpText?: string;
  type?: string;
  length?: string;
  precision?: string;
  scale?: string;
  externalId?: string;
  unique?: string;
  valueSet?: { valueSetDefinition?: { value?: Array<{ fullName: string }> } };
}

function readField(object: string, apiName: string): FieldXml | undefined {
  const file = join(OBJECTS, object, 'fields', `${apiName}.field-meta.xml`);
  try {
    return (parser.parse(readFileSync(file, 'utf8')) as { CustomField: FieldXml }).CustomField;
  } catch {
    return undefined;
  }
}

describe('Call Task fields (Activity custom fields)', () => {
  it.each(CALL_TASK_FIELDS.map((f) => [f.apiName, f] as const))('%s exists with the type and size the Lambdas write', (apiName, expected) => {
    const field = readField('Activity', apiName);

    expect(field).toBeDefined();
    expect(field!.fullName).toBe(apiName);
    expect(field!.type).toBe(expected.type);
    expect(field!.label).toBe(expected.label);
    expect(field!.inlineHelpText).toBe(expected.helpText);
    expect(field!.description?.length).toBeGreaterThan(0);
    if ('length' in expected) expect(Number(field!.length)).toBe(expected.length);
    if ('precision' in expected) {
      expect({ precision: Number(field!.precision), scale: Number(field!.scale) }).toEqual({ precision: expected.precision, scale: expected.scale });
    }
    expect(field!.externalId === 'true').toBe('externalId' in expected && expected.externalId === true);
    expect(field!.unique === 'true').toBe('unique' in expected && expected.unique === true);
  });

  it('ships no Callwise Activity field that the Lambdas do not know', () => {
    const shipped = readdirSync(join(OBJECTS, 'Activity', 'fields')).map((f) => f.replace('.field-meta.xml', ''));

    expect(shipped.sort()).toEqual(CALL_TASK_FIELDS.map((f) => f.apiName).sort());
  });
});

describe('Account fields read by routing', () => {
  it('Callwise_Tier__c is a restricted picklist Platinum/Gold/Silver/Bronze', () => {
    const field = readField('Account', 'Callwise_Tier__c');

    expect(field?.type).toBe('Picklist');
    expect(field?.valueSet?.valueSetDefinition?.value?.map((v) => v.fullName)).toEqual(['Platinum', 'Gold', 'Silver', 'Bronze']);
  });

  it('Callwise_Overdue_Invoice__c is a checkbox', () => {
    expect(readField('Account', 'Callwise_Overdue_Invoice__c')?.type).toBe('Checkbox');
  });
});
