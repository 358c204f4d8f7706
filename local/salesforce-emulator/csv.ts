/**
 * CSV as Bulk API 2.0 query results write it: a header row of field names, every value in double quotes
 * (the guide's sample: `"Id","Name"`), a quote inside a value doubled (RFC 4180), null as an empty field.
 * The delimiter and line ending are the job's `columnDelimiter` and `lineEnding` ("Create a Query Job").
 */

export const COLUMN_DELIMITERS = { COMMA: ',', TAB: '\t', PIPE: '|', SEMICOLON: ';', CARET: '^', BACKQUOTE: '`' } as const;
export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;

export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;
export type LineEnding = keyof typeof LINE_ENDINGS;

export interface CsvFormat {
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
}

/** One value: null/undefined → empty (unquoted); anything else quoted, `"` → `""`; datetimes as `…Z`. */
export function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? isoDatetime(value) : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

/** The emulator stores datetimes as REST shows them (`…+0000`); Bulk CSV shows them in UTC with `Z`. */
function isoDatetime(value: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+0000$/.test(value) ? value.replace('+0000', 'Z') : value;
}

export function csvRows(rows: readonly (readonly unknown[])[], format: CsvFormat): string {
  const delimiter = COLUMN_DELIMITERS[format.columnDelimiter];
  const eol = LINE_ENDINGS[format.lineEnding];
  return rows.map((row) => row.map(csvValue).join(delimiter) + eol).join('');
}
