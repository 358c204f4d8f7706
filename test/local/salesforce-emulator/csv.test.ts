import { csvRows, csvValue } from '../../../local/salesforce-emulator/csv';

describe('Bulk CSV', () => {
  it.each([
    ['plain', 'Acme', '"Acme"'],
    ['a quote doubled', 'The "gold" standard', '"The ""gold"" standard"'],
    ['a delimiter kept inside the quotes', 'Director, West', '"Director, West"'],
    ['a line break kept inside the quotes', 'line one\nline two', '"line one\nline two"'],
    ['null as an empty field', null, ''],
    ['a number', 48000000, '"48000000"'],
    ['a checkbox', false, '"false"'],
    ['a datetime in UTC with Z', '2026-11-24T10:00:00.000+0000', '"2026-11-24T10:00:00.000Z"'],
    ['a date as is', '2026-12-18', '"2026-12-18"'],
  ])('%s', (_case, value, expected) => {
    expect(csvValue(value)).toBe(expected);
  });

  it('writes rows with the job delimiter and line ending', () => {
    expect(
      csvRows(
        [
          ['Id', 'Name'],
          ['001', 'A|B'],
          ['002', null],
        ],
        { columnDelimiter: 'PIPE', lineEnding: 'CRLF' },
      ),
    ).toBe('"Id"|"Name"\r\n"001"|"A|B"\r\n"002"|\r\n');
    expect(csvRows([['Id'], ['001']], { columnDelimiter: 'TAB', lineEnding: 'LF' })).toBe('"Id"\n"001"\n');
  });
});
