import { analysisOutputOf, parseAnalysisFile } from '../adapters/contact-lens/analysis-file';
import type { ContactAnalysis } from '../domain/outcome/outcome-analysis';
import { type BatchOutcome, type CallLoggingDeps, type InboundMessage, parkMessage, settleMessages, syncCallTasks } from './call-log-sync';
import { mapLimit } from '../platform/rate-limiter';
import { CONCURRENCY } from '../platform/settings';
import { BUNDLED_HANDLING_STANDARD } from '../platform/live-handling-standard';
import type { HandlingTranscript } from '../domain/handling/transcript';
import { handlingTranscriptOf, scoreHandling } from './score-handling';

/**
 * import-analysis: Contact Lens post-call files → stored with the contact → its Call Task updated.
 * Exactly one file per contact is imported: with redaction on, Contact Lens writes an original and a
 * redacted file; only the chosen kind (default redacted) is read, the other is acknowledged and skipped.
 * A file that arrives before the call has ended waits in the contact state for the events.
 * Each call is scored against the handling standard (in the context of its routing decision).
 */
export async function importAnalyses(messages: InboundMessage[], deps: CallLoggingDeps): Promise<BatchOutcome> {
  const analyses = new Map<string, ContactAnalysis>();
  const transcripts = new Map<string, HandlingTranscript | undefined>();
  const messagesByContact = new Map<string, InboundMessage[]>();
  let parked = 0;
  let skipped = 0;
  const malformed = new Set<string>();
  for (const message of messages) {
    try {
      const file: unknown = JSON.parse(message.body);
      const output = analysisOutputOf(file, message.objectKey);
      // Only a file known to be the other kind is skipped; one that says nothing is parsed (and parked if malformed).
      if (output && output !== (deps.analysisOutput ?? 'redacted')) {
        skipped++;
        continue;
      }
      const analysis = parseAnalysisFile(file, message.objectKey);
      analyses.set(analysis.contactId, analysis);
      transcripts.set(analysis.contactId, handlingTranscriptOf(file));
      messagesByContact.set(analysis.contactId, [...(messagesByContact.get(analysis.contactId) ?? []), message]);
    } catch (error) {
      if (await parkMessage(message, 'analysis', (error as Error).message, deps)) parked++;
      else malformed.add(message.messageId);
    }
  }
  const records = await deps.states.getMany([...analyses.keys()]);
  const failed = new Set<string>(malformed);
  const standard = (await deps.handlingStandard?.()) ?? BUNDLED_HANDLING_STANDARD;
  await mapLimit([...analyses], CONCURRENCY.contactUpdates, async ([contactId, parsed]) => {
    try {
      const analysis = { ...parsed, handling: scoreHandling(transcripts.get(contactId), standard, await deps.decisions.get(contactId)) };
      const same = (cur: ContactAnalysis | undefined) => JSON.stringify(cur) === JSON.stringify(analysis);
      records.set(contactId, await deps.states.update(contactId, (cur) => (same(cur.analysis) ? undefined : { analysis }), records.get(contactId)));
    } catch {
      for (const m of messagesByContact.get(contactId) ?? []) failed.add(m.messageId);
      records.delete(contactId);
    }
  });
  const report = await syncCallTasks(
    [...analyses.keys()].filter((id) => records.has(id)),
    records,
    deps,
  );
  const settled = await settleMessages(messagesByContact, report, 'analysis', deps, failed);
  return { failedMessageIds: settled.failed, parked: parked + settled.parked, written: report.written, skipped };
}
