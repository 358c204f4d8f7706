import { readFile } from 'node:fs/promises';
import { importAnalyses } from '../functions/src/call-logging/import-analysis';
import { logContactEvents } from '../functions/src/call-logging/log-outcome';
import type { ContactDetails } from '../functions/src/domain/outcome/outcome';
import type { RoutingDecision } from '../functions/src/domain/routing/routing-decision';
import { type CommandIo, UsageError } from './io';
import type { OpenOutcomeEnvironment } from './outcome-environment';

/**
 * `callwise outcome --events FILE... [--analysis FILE...]`: runs contact events (and Contact Lens files)
 * through log-outcome and import-analysis against the local environment and prints the Call Tasks.
 * An events file holds an array of EventBridge contact events, or { events, describeContact, decisions }.
 */
interface EventsFile {
  events: unknown[];
  describeContact?: Record<string, ContactDetails>;
  decisions?: RoutingDecision[];
}

export function parseOutcomeArgs(args: string[]): { events: string[]; analyses: string[] } {
  const events: string[] = [];
  const analyses: string[] = [];
  let target: string[] | undefined;
  for (const arg of args) {
    if (arg === '--events') target = events;
    else if (arg === '--analysis') target = analyses;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (!target) throw new UsageError(`${arg}: say whether it is --events or --analysis`);
    else target.push(arg);
  }
  if (events.length === 0) throw new UsageError('outcome needs --events FILE (one or more)');
  return { events, analyses };
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read JSON: ${(error as Error).message}`);
  }
}

async function defaultEnvironment(): ReturnType<OpenOutcomeEnvironment> {
  return (require('./outcome-local') as typeof import('./outcome-local')).openLocalOutcomeEnvironment();
}

export async function runOutcome(args: string[], io: CommandIo, open: OpenOutcomeEnvironment = defaultEnvironment): Promise<number> {
  const files = parseOutcomeArgs(args);
  const inputs = await Promise.all(files.events.map(readJson));
  const analyses = await Promise.all(files.analyses.map(readJson));
  const env = await open();
  try {
    const bodies: string[] = [];
    for (const input of inputs) {
      const file: EventsFile = Array.isArray(input) ? { events: input } : (input as EventsFile);
      await env.seed({ decisions: file.decisions, describeContact: file.describeContact });
      bodies.push(...(file.events ?? []).map((e) => JSON.stringify(e)));
    }
    const message = (body: string, i: number) => ({ messageId: `cli-${i}`, body, receiveCount: 1 });
    const logged = await logContactEvents(bodies.map(message), env.deps);
    const imported = await importAnalyses(analyses.map((a, i) => message(JSON.stringify(a), bodies.length + i)), env.deps);
    const contactIds = [...new Set(bodies.flatMap((b) => { try { return [JSON.parse(b).detail.contactId as string]; } catch { return []; } }))];
    const tasks = await env.tasks(contactIds);
    const failed = logged.failedMessageIds.length + imported.failedMessageIds.length;
    const parked = logged.parked + imported.parked;
    io.stdout(JSON.stringify({ tasks, changed: new Set([...logged.written, ...imported.written].map((o) => o.contactId)).size, failed, parked, salesforceRequests: env.salesforceRequests() }, null, 2));
    if (parked) io.stderr(`${parked} message(s) parked in the dead-letter queue with their reason: see callwise dlq list`);
    return failed || parked ? 1 : 0;
  } finally {
    await env.close();
  }
}
