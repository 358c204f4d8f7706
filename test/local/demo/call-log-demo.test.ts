import { parseContactEvent } from '../../../functions/src/adapters/connect/contact-event';
import { InMemoryContactDirectory } from '../../../local/fakes/contact-directory';
import { InMemoryDeadLetterQueue } from '../../../local/fakes/dead-letter-queue';
import type { CallLoggingDeps } from '../../../functions/src/call-logging/call-log-sync';
import { callMetrics } from '../../../functions/src/domain/outcome/call-metrics';
import { emptyContactState, mergeContactEvent } from '../../../functions/src/domain/outcome/contact-state';
import { buildOutcome } from '../../../functions/src/domain/outcome/outcome';
import { closeWindows, tallyOutcomes } from '../../../local/demo/call-log-demo';
import { InMemoryContactStateStore } from '../../../local/fakes/contact-state-memory';
import { syntheticDay } from '../../../local/synthetic/call-log-day';
import { MemoryCallLog } from '../../call-logging/memory-call-log';

/** Counts calls in flight; each call waits a turn of the event loop so concurrent callers overlap. */
function inFlight() {
  const gauge = { now: 0, max: 0 };
  const around = async <T>(fn: () => Promise<T> | T): Promise<T> => {
    gauge.max = Math.max(gauge.max, ++gauge.now);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      return await fn();
    } finally {
      gauge.now--;
    }
  };
  return { gauge, around };
}

/** A day of 3,000 calls whose events are stored as logged contacts (Task written, FCR still open). */
function loggedDay() {
  const day = syntheticDay(3000, { seed: 9 });
  const states = new InMemoryContactStateStore();
  const byContact = new Map<string, ReturnType<typeof parseContactEvent>[]>();
  for (const raw of day.events) {
    const e = parseContactEvent(raw);
    byContact.set(e.contactId, [...(byContact.get(e.contactId) ?? []), e]);
  }
  for (const [id, events] of byContact)
    states.items.set(id, {
      contactId: id,
      state: events.reduce(mergeContactEvent, emptyContactState(id)),
      details: day.details.get(id),
      taskCreated: true,
      version: 1,
    });
  const decisions = new Map(day.decisions.map((d) => [d.contactId, d]));
  const lookups = inFlight();
  const deps: CallLoggingDeps = {
    states,
    decisions: { get: (id) => lookups.around(() => decisions.get(id)), save: async () => undefined },
    contacts: new InMemoryContactDirectory(day.details),
    callLog: new MemoryCallLog(),
    deadLetters: new InMemoryDeadLetterQueue(),
    fcrWindowDays: 7,
  };
  return { day, states, decisions, deps, lookups };
}

describe('reading a big day back for the summary', () => {
  it('sums every contact with a bounded number of lookups in flight', async () => {
    // Prepare
    const { day, states, decisions, deps, lookups } = loggedDay();
    const expected = callMetrics(
      day.contactIds.map((id) => {
        const record = states.items.get(id)!;
        return buildOutcome({ state: record.state!, decision: decisions.get(id), details: day.details.get(id) });
      }),
    );
    const progress: number[] = [];

    // Act
    const metrics = await tallyOutcomes(day.contactIds, deps, (done) => progress.push(done));

    // Assess: the whole day is summed, a page at a time, never more than 32 lookups at once
    expect(day.contactIds.length).toBeGreaterThan(3000);
    expect(metrics).toEqual(expected);
    expect(metrics.calls).toBe(day.contactIds.length);
    expect(progress).toEqual([1000, 2000, 3000, day.contactIds.length]);
    expect(lookups.gauge.max).toBeGreaterThan(1);
    expect(lookups.gauge.max).toBeLessThanOrEqual(32);
  });

  it('closes the FCR windows of a big day with a bounded number of writes in flight', async () => {
    // Prepare
    const { day, states, deps } = loggedDay();
    const writes = inFlight();
    const update = states.update.bind(states);
    states.update = (id, change) => writes.around(() => update(id, change));

    // Act: a month after the day, every window has closed
    const resolved = await closeWindows(day.contactIds, new Date('2026-12-24T00:00:00Z'), deps);

    // Assess
    expect(resolved).toBe(day.contactIds.length);
    expect([...states.items.values()].every((r) => r.firstCallResolution === true)).toBe(true);
    expect(writes.gauge.max).toBeGreaterThan(1);
    expect(writes.gauge.max).toBeLessThanOrEqual(32);
  });
});
