import {
  buildOutcome,
  fcrLookbackStart,
  originContactId,
  transferLegDecision,
  unresolvedByRepeat,
  type CallOutcome,
  type ContactDetails,
  type OutcomeTrust,
  type UntrustedField,
} from '../domain/outcome/outcome';
import { hasEnded } from '../domain/outcome/contact-state';
import { callTaskRecord, isLastWrite, recordFingerprint } from '../domain/outcome/outcome-task';
import type { AnalysisOutput } from '../adapters/contact-lens/analysis-file';
import type { RoutingDecision } from '../domain/routing/routing-decision';
import type { HandlingStandard } from '../domain/handling/standard';
import { logger } from '../platform/observability';
import { mapLimit } from '../platform/rate-limiter';
import { CONCURRENCY, DEFAULT_MAX_RECEIVES } from '../platform/settings';
import { contactDetailsOf } from './contact-details';
import type { CallHistory, CallLog, CallLogResult, ContactDirectory, ContactRecord, ContactStateStore, DeadLetterQueue, DecisionStore } from '../ports';

/** What the call-logging use cases (log-outcome, import-analysis, FCR closing) need; wired in wiring.ts. */
export interface CallLoggingDeps {
  states: ContactStateStore;
  decisions: DecisionStore;
  contacts: ContactDirectory;
  callLog: CallLog;
  deadLetters: DeadLetterQueue;
  /** Earlier calls by number (first-call resolution); setAgent remembers who took a call (for "last agent" routing). */
  history?: Pick<CallHistory, 'recent'> & Partial<Pick<CallHistory, 'setAgent'>>;
  /** The first-call-resolution window: fixed (tests, CLI) or read from the policy in force at each use. */
  fcrWindowDays: number | (() => Promise<number>);
  /** Which owners and dispositions contact attributes may write (the policy's agents and dispositions): fixed, or read from the policy in force. Default: DEFAULT_TRUST. */
  trust?: OutcomeTrust | (() => Promise<OutcomeTrust>);
  /** Counts an attribute value left off a newly logged Task because it was not trusted (a metric in AWS). */
  countUntrusted?: (field: UntrustedField) => void;
  /** Called once when a call is first logged, and once when its analysis is first logged. */
  publish?: (outcome: CallOutcome, phase: 'logged' | 'analysed') => void;
  /** The call-handling standard in force (import-analysis); the bundled default when absent. */
  handlingStandard?: () => Promise<HandlingStandard>;
  /** After this many receives a retryable failure is parked instead of retried. */
  maxReceives?: number;
  /** Which Contact Lens file to import when redaction writes two (default redacted: the original is never read). */
  analysisOutput?: AnalysisOutput;
  /** The one S3 bucket import-analysis reads (CONTACT_LENS_BUCKET); a notification naming another is parked unread. */
  analysisBucket?: string;
  /** The instance's access URL (https://<alias>.my.connect.aws): recorded calls link to their contact page. */
  connectAccessUrl?: string;
}

export type ContactFailure = Extract<CallLogResult, { ok: false }>;

export interface SyncReport {
  written: CallOutcome[];
  /** Contacts whose Task was not written, with why: only their messages are retried or parked. */
  failed: Map<string, ContactFailure>;
}

/**
 * A contact whose lookup or state write threw (a DescribeContact throttle, a CallerHistory or DynamoDB
 * error): retried alone, and its reason keeps only the error class (messages may hold personal data).
 */
export function stepFailure(contactId: string, step: string, error: unknown): ContactFailure {
  const name = error instanceof Error ? error.name : 'Error';
  logger.warn('contact step failed; only its messages are retried', { contactId, step, error: name });
  return { contactId, ok: false, retryable: true, code: 'STEP_FAILED', message: `${step} failed (${name})` };
}

interface Pending {
  record: ContactRecord;
  decision?: RoutingDecision;
  details?: ContactDetails;
}

async function loadPending(
  ids: string[],
  records: Map<string, ContactRecord>,
  deps: CallLoggingDeps,
  failed: Map<string, ContactFailure>,
  settle: boolean,
): Promise<Pending[]> {
  const ready = ids.map((id) => records.get(id)!).filter((r) => r?.state && hasEnded(r.state));
  const loaded = await mapLimit(ready, CONCURRENCY.contactLookups, async (record): Promise<Pending | undefined> => {
    let step = 'routing decision lookup';
    try {
      const decision = await routingDecisionOf(record, deps);
      step = 'DescribeContact';
      const loaded = await contactDetailsOf(record, decision, deps, settle);
      records.set(record.contactId, loaded.record);
      return { record: loaded.record, decision, details: loaded.details };
    } catch (error) {
      failed.set(record.contactId, stepFailure(record.contactId, step, error));
      return undefined;
    }
  });
  return loaded.filter((p): p is Pending => p !== undefined);
}

/** The contact's own routing decision, or for a transferred leg the one the caller came in on. */
async function routingDecisionOf(record: ContactRecord, deps: CallLoggingDeps): Promise<RoutingDecision | undefined> {
  const own = await deps.decisions.get(record.contactId);
  const origin = own ? undefined : originContactId(record.state!);
  const originDecision = origin ? await deps.decisions.get(origin) : undefined;
  return own ?? (originDecision && transferLegDecision(originDecision));
}

/**
 * A first-logged call that repeats an earlier one (same caller, same intent, inside the window) marks it
 * unresolved. When the history read or that mark fails, the repeat call itself fails (and is retried alone).
 */
async function markRepeats(
  pending: Pending[],
  records: Map<string, ContactRecord>,
  deps: CallLoggingDeps,
  failed: Map<string, ContactFailure>,
): Promise<string[]> {
  const history = deps.history;
  if (!history) return [];
  const windowDays = await fcrWindowDays(deps);
  const earlier = new Set<string>();
  for (const p of pending) {
    if (p.record.taskFingerprint || !p.decision?.phoneE164 || !p.decision.intent.name) continue;
    const at = p.record.state!.earliest.initiationTimestamp ?? p.decision.decidedAt;
    try {
      const past = await history.recent(p.decision.phoneE164, fcrLookbackStart(at, windowDays));
      for (const id of unresolvedByRepeat({ contactId: p.record.contactId, at, intent: p.decision.intent.name }, past, windowDays)) {
        if (!earlier.has(id))
          records.set(
            id,
            await deps.states.update(id, (cur) => (cur.firstCallResolution === false ? undefined : { firstCallResolution: false }), records.get(id)),
          );
        earlier.add(id);
      }
    } catch (error) {
      failed.set(p.record.contactId, stepFailure(p.record.contactId, 'repeat-call check', error));
    }
  }
  return [...earlier];
}

/** The FCR window in force now, in days. */
export async function fcrWindowDays(deps: Pick<CallLoggingDeps, 'fcrWindowDays'>): Promise<number> {
  return typeof deps.fcrWindowDays === 'number' ? deps.fcrWindowDays : deps.fcrWindowDays();
}

/**
 * Writes the Call Tasks of contacts whose state changed: builds each outcome, skips Tasks Salesforce
 * already has as they are, marks earlier calls unresolved when a repeat arrives, upserts the rest in
 * one batched call, and remembers what Salesforce accepted. `settle`: describe answered calls whose
 * COMPLETED event never came (the FCR close, days later). `windowClosed`: the first-call-resolution window of
 * these contacts has closed (their Tasks' last write).
 */
export async function syncCallTasks(
  contactIds: string[],
  records: Map<string, ContactRecord>,
  deps: CallLoggingDeps,
  options: { settle?: boolean; windowClosed?: boolean } = {},
): Promise<SyncReport> {
  const failed = new Map<string, ContactFailure>();
  const settle = options.settle ?? false;
  let pending = await loadPending(contactIds, records, deps, failed, settle);
  const repeats = (await markRepeats(pending, records, deps, failed)).filter((id) => !contactIds.includes(id));
  pending = pending.filter((p) => !failed.has(p.record.contactId));
  if (repeats.length) {
    const extra = await deps.states.getMany(repeats);
    for (const [id, r] of extra) records.set(id, r);
    pending = [...pending, ...(await loadPending(repeats, records, deps, failed, settle))];
  }
  const trust = typeof deps.trust === 'function' ? await deps.trust() : deps.trust;
  const builds = pending.map((p) => {
    const outcome = buildOutcome({
      state: p.record.state!,
      decision: p.decision,
      details: p.details,
      analysis: p.record.analysis,
      firstCallResolution: p.record.firstCallResolution,
      connectAccessUrl: deps.connectAccessUrl,
      trust,
    });
    const record = callTaskRecord(outcome, { handOver: isLastWrite(outcome, options.windowClosed === true) });
    return { p, outcome, record, fingerprint: recordFingerprint(record) };
  });
  const changed = await openFcrWindows(
    builds.filter((b) => b.fingerprint !== b.p.record.taskFingerprint),
    deps,
    failed,
  );
  if (changed.length === 0) return { written: [], failed };
  const results = await deps.callLog.upsert(changed.map((b) => ({ contactId: b.p.record.contactId, record: b.record, create: !b.p.record.taskCreated })));
  const byId = new Map(results.map((r) => [r.contactId, r]));
  const written: CallOutcome[] = [];
  await mapLimit(changed, CONCURRENCY.contactUpdates, async (b) => {
    const result = byId.get(b.p.record.contactId)!;
    if (!result.ok) return void failed.set(result.contactId, result);
    try {
      await deps.states.markSynced(result.contactId, b.fingerprint, b.p.record.analysis !== undefined);
    } catch (error) {
      // Salesforce has the Task; the retry upserts it again (idempotent on the ContactId) and then remembers it.
      return void failed.set(result.contactId, stepFailure(result.contactId, 'contact state write', error));
    }
    records.set(result.contactId, { ...b.p.record, taskCreated: true, taskFingerprint: b.fingerprint, analysisSent: b.p.record.analysis !== undefined });
    written.push(b.outcome);
    if (!b.p.record.taskFingerprint) {
      deps.publish?.(b.outcome, 'logged');
      reportUntrusted(b.outcome, deps);
      await rememberAgent(b.p.decision, b.outcome, deps);
    }
    if (b.p.record.analysis && !b.p.record.analysisSent) deps.publish?.(b.outcome, 'analysed');
  });
  return { written, failed };
}

/**
 * A call logged for the first time opens its first-call-resolution window (close-fcr closes it), before
 * the write: a failure fails only that contact, and its retry opens it again (idempotent).
 */
async function openFcrWindows<B extends { p: Pending; outcome: CallOutcome }>(
  builds: B[],
  deps: CallLoggingDeps,
  failed: Map<string, ContactFailure>,
): Promise<B[]> {
  const opened = await mapLimit(builds, CONCURRENCY.contactUpdates, async (b) => {
    if (b.p.record.taskFingerprint) return true;
    try {
      await deps.states.openFcrWindow(b.p.record.contactId, b.outcome.startedAt);
      return true;
    } catch (error) {
      failed.set(b.p.record.contactId, stepFailure(b.p.record.contactId, 'FCR window write', error));
      return false;
    }
  });
  return builds.filter((_, i) => opened[i]);
}

/** Logs (the field and the contact, never the value: it may be caller input) and counts each attribute value left off a new Task. */
function reportUntrusted(outcome: CallOutcome, deps: CallLoggingDeps): void {
  for (const field of outcome.untrusted ?? []) {
    logger.warn('contact attribute not trusted; left off the Call Task', { contactId: outcome.contactId, field });
    deps.countUntrusted?.(field);
  }
}

/** Tells routing which agent took the call, so the caller's next call can prefer them; never fails the write. */
async function rememberAgent(decision: RoutingDecision | undefined, outcome: CallOutcome, deps: CallLoggingDeps): Promise<void> {
  if (!deps.history?.setAgent || !decision?.phoneE164 || !outcome.agentArn) return;
  try {
    await deps.history.setAgent(decision.phoneE164, decision.decidedAt, decision.contactId, outcome.agentArn);
  } catch (error) {
    logger.warn('could not remember the agent for last-agent routing', { contactId: decision.contactId, error: (error as Error).name });
  }
}

/** A queued message as call logging sees it (an SQS record, a redriven dead letter, a CLI file). */
export interface InboundMessage {
  messageId: string;
  body: string;
  /** How often the queue has delivered it (SQS ApproximateReceiveCount). */
  receiveCount: number;
  /** The S3 key the body was read from (Contact Lens files): names the contact when the file does not. */
  objectKey?: string;
}

export interface BatchOutcome {
  /** Message ids to hand back to the queue (SQS partial batch response). */
  failedMessageIds: string[];
  parked: number;
  written: SyncReport['written'];
  /** Messages acknowledged without a write: Contact Lens files of the kind this deployment does not import. */
  skipped?: number;
}

export { DEFAULT_MAX_RECEIVES } from '../platform/settings';

/** Parks a message with its reason; false when the dead-letter queue is unreachable (the message is then retried). */
export async function parkMessage(message: InboundMessage, source: string, reason: string, deps: Pick<CallLoggingDeps, 'deadLetters'>): Promise<boolean> {
  try {
    await deps.deadLetters.park({ body: message.body, source, reason });
    return true;
  } catch {
    return false;
  }
}

/** Maps write failures back to messages: retry what can succeed later, park what cannot. */
export async function settleMessages(
  messagesByContact: Map<string, InboundMessage[]>,
  report: SyncReport,
  source: string,
  deps: CallLoggingDeps,
  alreadyFailed: Set<string>,
): Promise<{ failed: string[]; parked: number }> {
  const failed = new Set(alreadyFailed);
  let parked = 0;
  for (const [contactId, failure] of report.failed) {
    for (const message of messagesByContact.get(contactId) ?? []) {
      if (failure.retryable && message.receiveCount < (deps.maxReceives ?? DEFAULT_MAX_RECEIVES)) {
        failed.add(message.messageId);
        continue;
      }
      if (await parkMessage(message, source, `The Call Task of contact ${contactId} was not written: ${failure.code}: ${failure.message}`, deps)) parked++;
      else failed.add(message.messageId);
    }
  }
  return { failed: [...failed], parked };
}
