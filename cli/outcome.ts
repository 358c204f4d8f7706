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
 * An events file holds what SQS delivers, one EventBridge contact event (the message body), an array
 * of them, or { events, describeContact, decisions }. An analysis file's path is its S3 key: a file
 * without CustomerMetadata names its contact by path (…/Analysis/Voice/…/<ContactId>_analysis_….json).
 */
interface EventsFile {
  events: unknown[];
  describeContact?: Record<string, ContactDetails>;
  decisions?: RoutingDecision[];
}

const isContactEvent = (value: unknown): boolean => !!value && typeof value === 'object' && 'detail' in value && 'detail-type' in value;

/** The events a file holds, in any of its three forms; a file with none is an error naming it. */
export function eventsFileOf(file: string, input: unknown): EventsFile {
  const parsed: EventsFile = isContactEvent(input)
    ? { events: [input] }
    : Array.isArray(input)
      ? { events: input }
      : { ...(input as EventsFile), events: (input as Partial<EventsFile> | null)?.events ?? [] };
  if (!Array.isArray(parsed.events) || !parsed.events.some(isContactEvent)) {
    throw new Error(`${file}: no Amazon Connect contact event found: expected one event (an SQS message body), an array of events, or { "events": [...] }`);
  }
  return parsed;
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
  const inputs = await Promise.all(files.events.map(async (f) => eventsFileOf(f, await readJson(f))));
  const analyses = await Promise.all(files.analyses.map(readJson));
  const env = await open();
  try {
    const bodies: string[] = [];
    for (const file of inputs) {
      await env.seed({ decisions: file.decisions, describeContact: file.describeContact });
      bodies.push(...(file.events ?? []).map((e) => JSON.stringify(e)));
    }
    const message = (body: string, i: number) => ({ messageId: `cli-${i}`, body, receiveCount: 1 });
    const logged = await logContactEvents(bodies.map(message), env.deps);
    const imported = await importAnalyses(
      analyses.map((a, i) => ({ ...message(JSON.stringify(a), bodies.length + i), objectKey: files.analyses[i] })),
      env.deps,
    );
    const contactIds = [
      ...new Set(
        bodies.flatMap((b) => {
          try {
            return [JSON.parse(b).detail.contactId as string];
          } catch {
            return [];
          }
        }),
      ),
    ];
    const tasks = await env.tasks(contactIds);
    const failed = logged.failedMessageIds.length + imported.failedMessageIds.length;
    const parked = logged.parked + imported.parked;
    const skipped = imported.skipped ?? 0;
    io.stdout(
      JSON.stringify(
        {
          tasks,
          changed: new Set([...logged.written, ...imported.written].map((o) => o.contactId)).size,
          failed,
          parked,
          skipped,
          salesforceRequests: env.salesforceRequests(),
        },
        null,
        2,
      ),
    );
    if (skipped) io.stderr(`${skipped} Contact Lens file(s) skipped: not the output this deployment imports (CONTACT_LENS_OUTPUT, default redacted)`);
    if (parked) io.stderr(`${parked} message(s) parked in the dead-letter queue with their reason: see callwise dlq list`);
    return failed || parked ? 1 : 0;
  } finally {
    await env.close();
  }
}
