import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { fieldSize, fitNumber, fitToFields } from '../../../functions/src/domain/outcome/call-task-fields';

/** The writer's caps come from one field list; this holds them to what the package ships (the .field-meta.xml files). */
const FIELDS = join(__dirname, '../../../crm-package/force-app/main/default/objects/Activity/fields');
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
const shipped = readdirSync(FIELDS).map(
  (file) => (parser.parse(readFileSync(join(FIELDS, file), 'utf8')) as { CustomField: Record<string, string> }).CustomField,
);

describe('field sizes the writer fits values to', () => {
  it.each(shipped.filter((f) => f.type === 'Text' || f.type === 'LongTextArea' || f.type === 'Number').map((f) => [f.fullName, f] as const))(
    '%s: the same size as its .field-meta.xml',
    (name, xml) => {
      const expected = xml.type !== 'Number' ? { length: Number(xml.length) } : { precision: Number(xml.precision), scale: Number(xml.scale) };
      expect(fieldSize(name!)).toEqual(expected);
    },
  );

  it.each([
    ['a ratio past Number(5,2)', 1500, 5, 2, 999.99],
    ['a ratio rounded to its scale', 1.456, 5, 2, 1.46],
    ['a negative sentiment inside Number(3,1)', -4.25, 3, 1, -4.3],
    ['a negative value past the range', -250, 3, 1, -99.9],
    ['a value that is not a number', Number.POSITIVE_INFINITY, 5, 2, undefined],
  ])('%s', (_case, value, precision, scale, expected) => {
    expect(fitNumber(value, precision, scale)).toBe(expected);
  });

  it('cuts text to its length, ending with a visible marker, and leaves unsized fields alone', () => {
    const fitted = fitToFields({
      Callwise_Value_Tier__c: 'x'.repeat(80),
      Subject: 's'.repeat(300),
      Callwise_Degraded__c: true,
      Status: 'Completed',
      Callwise_Talk_Listen_Ratio__c: Number.NaN,
    });
    expect(fitted).toEqual({ Callwise_Value_Tier__c: `${'x'.repeat(39)}…`, Subject: `${'s'.repeat(254)}…`, Callwise_Degraded__c: true, Status: 'Completed' });
  });

  it('caps a call summary at the 32,000 characters of its LongTextArea, keeps one that fits whole, and never splits a surrogate pair', () => {
    const long = fitToFields({ Callwise_Call_Summary__c: `${'a'.repeat(31998)}😀 and more` }).Callwise_Call_Summary__c as string;
    expect(long).toHaveLength(31999);
    expect(long.endsWith('a…')).toBe(true);
    expect(fitToFields({ Callwise_Call_Summary__c: 'y'.repeat(32000) }).Callwise_Call_Summary__c).toBe('y'.repeat(32000));
  });
});
