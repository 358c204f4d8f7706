import { importAnalyses } from '../functions/src/call-logging/import-analysis';
import { logContactEvents } from '../functions/src/call-logging/log-outcome';
import { redriveDeadLetters } from '../functions/src/call-logging/redrive';
import type { DeadLetter } from '../functions/src/ports';
import { type CommandIo, UsageError } from './io';
import type { OpenOutcomeEnvironment } from './outcome-environment';

/**
 * `callwise dlq list` shows parked call-logging messages with their reasons; `callwise dlq redrive`
 * runs them through log-outcome / import-analysis again. What fails again is parked again, with the new reason.
 */
async function defaultEnvironment(): ReturnType<OpenOutcomeEnvironment> {
  return (require('./outcome-local') as typeof import('./outcome-local')).openLocalOutcomeEnvironment();
}

export async function runDlq(args: string[], io: CommandIo, open: OpenOutcomeEnvironment = defaultEnvironment): Promise<number> {
  const [command, ...rest] = args;
  if (rest.length || (command !== 'list' && command !== 'redrive')) throw new UsageError('dlq takes "list" or "redrive"');
  const env = await open();
  try {
    const dlq = env.deps.deadLetters;
    if (command === 'list') {
      const letters = await dlq.list(10_000);
      for (const l of letters) io.stdout(`${l.parkedAt}  ${l.source}  ${l.id}  ${l.reason}`);
      io.stdout(`${letters.length} parked message(s)`);
      return 0;
    }
    const resend = async (letters: DeadLetter[]) => {
      const accepted = new Set<string>();
      for (const [source, run] of [
        ['contact-event', logContactEvents],
        ['analysis', importAnalyses],
      ] as const) {
        const batch = letters.filter((l) => l.source === source).map((l) => ({ messageId: l.id, body: l.body, receiveCount: 1 }));
        if (batch.length === 0) continue;
        const failed = new Set((await run(batch, env.deps)).failedMessageIds);
        for (const m of batch) if (!failed.has(m.messageId)) accepted.add(m.messageId);
      }
      return accepted;
    };
    const report = await redriveDeadLetters(dlq, resend);
    const stillParked = (await dlq.list(10_000)).length;
    io.stdout(JSON.stringify({ ...report, parkedAgain: stillParked - report.remaining }, null, 2));
    return stillParked === 0 ? 0 : 1;
  } finally {
    await env.close();
  }
}
