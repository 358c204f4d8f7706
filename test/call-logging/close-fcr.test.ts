import { closeDueFirstCallWindows } from '../../functions/src/call-logging/close-fcr';
import { logContactEvents } from '../../functions/src/call-logging/log-outcome';
import { openLocalOutcomeEnvironment } from '../../cli/outcome-local';
import type { OutcomeEnvironment } from '../../cli/outcome-environment';
import { loadFixture } from './support';

/**
 * close-fcr end to end: real DynamoDB Local (the Contacts table with its FcrOpen index) and the
 * Salesforce emulator over HTTP. The clock is pinned: the answered fixture call began 2026-11-24T09:00:00Z
 * and the FCR window is 7 days.
 */
const ANSWERED = '11111111-aaaa-4000-8000-000000000001';
const OUTBOUND = '11111111-aaaa-4000-8000-000000000004';

describe('close-fcr on DynamoDB Local and the Salesforce emulator', () => {
  let env: OutcomeEnvironment;

  beforeAll(async () => {
    env = await openLocalOutcomeEnvironment({ ...process.env, DYNAMODB_ENDPOINT: '', SALESFORCE_EMULATOR_URL: '' });
    for (const name of ['answered', 'outbound']) {
      const fixture = loadFixture(name);
      await env.seed({ decisions: fixture.decisions, describeContact: fixture.describeContact });
      const logged = await logContactEvents(
        fixture.events.map((e, i) => ({ messageId: `${name}-${i}`, body: JSON.stringify(e), receiveCount: 1 })),
        env.deps,
      );
      expect(logged).toMatchObject({ failedMessageIds: [], parked: 0 });
    }
  }, 120_000);
  afterAll(async () => env?.close());

  const fcrOf = async (id: string) => (await env.tasks([id]))[0]?.Callwise_First_Call_Resolution__c;

  it('leaves the Task open inside the window, then marks it resolved once no repeat came within it', async () => {
    expect(await closeDueFirstCallWindows(new Date('2026-12-01T08:59:59Z'), env.deps)).toEqual({ resolved: 0, written: 0, failed: 0 });
    expect(await fcrOf(ANSWERED)).toBeFalsy();

    // A repeat call came for the outbound contact (began 2026-11-24T10:00:00Z): its resolution is known (false).
    await env.deps.states.update(OUTBOUND, () => ({ firstCallResolution: false }));
    expect(await closeDueFirstCallWindows(new Date('2026-12-01T09:00:01Z'), env.deps)).toEqual({ resolved: 1, written: 1, failed: 0 });
    expect(await fcrOf(ANSWERED)).toBe(true);
    expect(await fcrOf(OUTBOUND)).not.toBe(true);

    // The outbound call's window runs out too: not resolved, but its Task has its last write (handed to the rep).
    expect(await closeDueFirstCallWindows(new Date('2026-12-01T10:00:01Z'), env.deps)).toEqual({ resolved: 0, written: 1, failed: 0 });
    expect(await fcrOf(OUTBOUND)).toBe(false);

    // Closed windows leave the index: the next run finds nothing to do.
    expect(await closeDueFirstCallWindows(new Date('2026-12-02T10:00:00Z'), env.deps)).toEqual({ resolved: 0, written: 0, failed: 0 });
  });
});
