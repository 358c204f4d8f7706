import { CALL_TASK_FIELDS } from './call-task-fields';

/**
 * Every value the writer sends fits its field, so Salesforce never refuses a Task for its size
 * (STRING_TOO_LONG, NUMBER_OUTSIDE_VALID_RANGE). The sizes come from one list: CALL_TASK_FIELDS for the
 * Callwise fields (a test holds it equal to the package's .field-meta.xml) and the standard Task fields'
 * lengths from the Object Reference.
 */

/** Standard Task text fields Callwise writes, and their lengths. */
export const STANDARD_TASK_TEXT_LENGTHS = { Subject: 255, CallObject: 255, CallDisposition: 255, Description: 32000 } as const;

type Size = { length: number } | { precision: number; scale: number };

const SIZES: ReadonlyMap<string, Size> = new Map<string, Size>([
  ...Object.entries(STANDARD_TASK_TEXT_LENGTHS).map(([name, length]) => [name, { length }] as const),
  ...CALL_TASK_FIELDS.flatMap((f): Array<[string, Size]> => {
    if ('length' in f) return [[f.apiName, { length: f.length }]];
    if ('precision' in f) return [[f.apiName, { precision: f.precision, scale: f.scale }]];
    // Url fields hold 255 characters.
    if (f.type === 'Url') return [[f.apiName, { length: 255 }]];
    return [];
  }),
]);

/** The size of a field the writer knows, if it has one. */
export function fieldSize(apiName: string): Size | undefined {
  return SIZES.get(apiName);
}

/** Text cut to the field's length. */
export function fitText(text: string, length: number): string {
  return text.length > length ? text.slice(0, length) : text;
}

/**
 * A number rounded to the field's scale and held inside what Number(precision, scale) can store (a talk-to-listen
 * ratio of 1,500 is written as 999.99, "at least this much"); a number that is not finite is left out.
 */
export function fitNumber(value: number, precision: number, scale: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  const largest = Number((10 ** (precision - scale) - 10 ** -scale).toFixed(scale));
  const rounded = Number(value.toFixed(scale));
  return Math.max(-largest, Math.min(largest, rounded));
}

/** The record with every sized value fitted to its field (values of unsized fields and nulls unchanged; unfit numbers dropped). */
export function fitToFields<T extends Record<string, string | number | boolean | null>>(record: T): T {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [name, value] of Object.entries(record)) {
    const size = SIZES.get(name);
    if (size && 'length' in size && typeof value === 'string') out[name] = fitText(value, size.length);
    else if (size && 'precision' in size && typeof value === 'number') {
      const fitted = fitNumber(value, size.precision, size.scale);
      if (fitted !== undefined) out[name] = fitted;
    } else out[name] = value;
  }
  return out as T;
}
