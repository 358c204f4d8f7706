import { runDirectoryLoad, runDirectoryVerify, statusText } from '../../cli/directory';
import { UsageError } from '../../cli/io';

describe('callwise directory', () => {
  const NOW = new Date('2026-12-02T10:00:00.000Z');

  it('status says whether routing trusts the directory, its counts, the last change applied and how stale it is', () => {
    const text = statusText(
      {
        ready: true,
        readyAt: '2026-12-02T06:00:00.000Z',
        watermark: '2026-12-02T05:50:00.000Z',
        counts: { records: 2_345, numbers: 1_987 },
        lastEvent: { commitTimestamp: Date.parse('2026-12-02T09:59:58.000Z'), replayId: '4711', appliedAt: '2026-12-02T09:59:59.000Z' },
      },
      NOW,
    );
    expect(text.split('\n')).toEqual([
      'ready: yes (since 2026-12-02T06:00:00.000Z)',
      'records: 2,345, numbers: 1,987',
      'watermark: 2026-12-02T05:50:00.000Z',
      'last change event: committed 2026-12-02T09:59:58.000Z (replay 4711), applied 1 s ago; staleness 2 s ago',
    ]);
  });

  it('status of a load that stopped says where, and that route-call still asks Salesforce', () => {
    const text = statusText(
      {
        ready: false,
        counts: { records: 80, numbers: 60 },
        load: {
          startedAt: '2026-12-02T09:00:00.000Z',
          jobs: { Account: { jobId: '750A', locator: '', records: 320, done: true }, Contact: { jobId: '750B', locator: 'NDA', records: 80, done: false } },
        },
      },
      NOW,
    );
    expect(text).toMatch(/^ready: no: route-call asks Salesforce live until a load finishes$/m);
    expect(text).toMatch(/^load unfinished: Contact at 80 records \(run directory load to continue\)$/m);
    expect(text).toMatch(/^last change event: none applied; staleness: since the watermark, never$/m);
  });

  it.each([
    [['--sample', '0'], /--sample must be a positive whole number/],
    [['--sample', '5', '--all'], /not both/],
    [['--country', 'usa'], /--country must be an ISO 3166 code/],
  ])('verify %j is a usage error', async (args, message) => {
    const io = { stdout: () => undefined, stderr: () => undefined };
    await expect(runDirectoryVerify(args, io, {})).rejects.toThrow(UsageError);
    await expect(runDirectoryVerify(args, io, {})).rejects.toThrow(message);
  });

  it('load reads the emulator’s demo org into a DynamoDB Local of its own, with plain progress lines when not in a terminal', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runDirectoryLoad(['--max-records', '500'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, {}, false);
    expect(code).toBe(0);
    expect(err[0]).toBe('directory: the local emulator (demo org) → a DynamoDB Local of this command only (set CALLER_DIRECTORY_TABLE to keep the directory)');
    expect(err.some((line) => /^ {2}Contact: [\d,]+\/[\d,]+ records, [\d,]+\/s, \d+ s/.test(line))).toBe(true);
    const text = out.join('\n');
    expect(text).toMatch(/^Loaded: [\d,]+ records \([\d,]+ written, 0 older than the directory's\) in [\d.]+ s, [\d,]+ records\/s, \d+ Salesforce requests$/m);
    expect(text).toMatch(/^ready: yes/m);
  }, 600_000);
});
