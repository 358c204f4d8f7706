import { runDemo } from '../../../cli/demo';
import type { CallLoggingDeps } from '../../../functions/src/call-logging/call-log-sync';
import { runDemoDay, type DayOptions } from '../../../local/demo/day';
import { formatDayReport } from '../../../local/demo/summary';

const PHASES = [
  'Loading the caller directory (Bulk API 2.0)',
  'Routing calls',
  'Logging contact events',
  'Importing Contact Lens analyses',
  'Closing first-call-resolution windows',
  'Building the summary',
];

/** A small day in pages of 15 calls, its progress captured with a pinned clock. */
function smallDay(extra: Partial<DayOptions> = {}) {
  const progress: string[] = [];
  const options: DayOptions = { callsPerPage: 15, log: () => undefined, progress: { write: (t) => progress.push(t), tty: false, now: () => 0 }, ...extra };
  return { options, progress };
}

/** The demo's contact number: demo-00031-… and its transfer and outbound legs are call 31. */
const callNumber = (contactId: string) => Number(contactId.slice(5, 10));

describe('the demo day (DynamoDB Local and the Salesforce emulator)', () => {
  it('runs every phase with progress, and logs one Task per contact', async () => {
    // Prepare
    const { options, progress } = smallDay();

    // Act
    const report = await runDemoDay({ ...options, calls: 40 });

    // Assess
    expect(report.failed).toBe(false);
    expect(report.phases.map((p) => [p.name, p.status, p.done === p.total])).toEqual(PHASES.map((name) => [name, 'done', true]));
    expect(report.routed).toBe(40);
    // The directory is loaded first, so the day is routed without asking Salesforce.
    expect(report.directoryLoad.records).toBeGreaterThan(2000);
    expect(report.routingRequests).toBe(0);
    expect(report.directoryHits).toBe(report.lookups);
    expect(report.logging.contacts).toBeGreaterThan(35);
    expect(report.metrics?.calls).toBe(report.logging.contacts);
    expect(report.tasksInSalesforce).toBe(report.logging.contacts);
    for (const phase of PHASES) expect(progress.filter((line) => line.startsWith(`${phase}: `)).at(-1)).toMatch(/\(100%\)\n$/);
    expect(formatDayReport(report, 1000)).not.toMatch(/did not complete/);
  }, 300_000);

  it('after a failed phase, reports what was and was not done, prints the summary and exits 1', async () => {
    // Prepare: DynamoDB stops answering for the calls of the third page (calls 31–40)
    const adjustLogging = (deps: CallLoggingDeps): CallLoggingDeps => ({
      ...deps,
      states: Object.assign(Object.create(deps.states) as typeof deps.states, {
        getMany: async (ids: string[]) => {
          if (ids.some((id) => callNumber(id) > 30)) throw new Error('DynamoDB table Contacts did not answer BatchGetItem');
          return deps.states.getMany(ids);
        },
      }),
    });
    const { options, progress } = smallDay({ adjustLogging });
    const stdout: string[] = [];
    let report: Awaited<ReturnType<typeof runDemoDay>> | undefined;

    // Act
    const code = await runDemo(
      ['--calls', '40'],
      { stdout: (t) => stdout.push(t), stderr: () => undefined },
      async (o) => (report = await runDemoDay({ ...o, ...options })),
    );

    // Assess
    expect(code).toBe(1);
    const phases = report!.phases;
    expect(phases.map((p) => p.status)).toEqual(['done', 'done', 'failed', 'not run', 'not run', 'not run']);
    expect(phases[2]).toMatchObject({ done: 30, total: 40 });
    expect(phases[2]!.error).toMatch(/still failed after 5 deliveries \(last error: Error: DynamoDB table Contacts did not answer BatchGetItem\)/);
    // What was logged before the failure is in Salesforce; the routed day is all there.
    expect(report!.tasksInSalesforce).toBe(report!.logging.contacts);
    expect(report!.logging.contacts).toBeGreaterThan(27);
    const summary = stdout.join('\n');
    expect(summary).toMatch(/a simulated day: 40 contacts routed/);
    expect(summary).toMatch(/Calls per queue/);
    expect(summary).toMatch(/Logging contact events +FAILED +30\/40 calls, 10 not done: /);
    expect(summary).toMatch(/Building the summary +not run/);
    expect(summary).toMatch(/metrics not read back/);
    expect(progress).toContainEqual(expect.stringMatching(/^Logging contact events stopped: /));
  }, 300_000);
});
