import { CALL_TASK_EXTERNAL_ID, type CallTaskFieldName, fitToFields } from './call-task-fields';
import type { CallOutcome } from './outcome';
import type { HandlingSummary } from '../handling/handling-summary';

/**
 * The Call Task written for an outcome: the standard Task call fields plus the Callwise fields.
 * Unknown facts are left out (not null), so a later, fuller write never loses to an earlier one.
 */
export type StandardTaskField =
  | 'Subject'
  | 'Status'
  | 'ActivityDate'
  | 'CallObject'
  | 'CallType'
  | 'CallDurationInSeconds'
  | 'CallDisposition'
  | 'WhoId'
  | 'WhatId'
  | 'Description'
  | 'OwnerId';
/** null clears a field in Salesforce (a re-imported analysis that can no longer be scored has no score). */
export type CallTaskRecord = Partial<Record<CallTaskFieldName | StandardTaskField, string | number | boolean | null>>;

const CALL_TYPES = { inbound: 'Inbound', transfer: 'Inbound', outbound: 'Outbound', callback: 'Outbound' } as const;

function compact(record: Record<string, string | number | boolean | null | undefined>): CallTaskRecord {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== '')) as CallTaskRecord;
}

function subject(outcome: CallOutcome): string {
  const what = outcome.abandoned ? 'Abandoned call' : `${CALL_TYPES[outcome.direction]} call`;
  return outcome.intent ? `${what}: ${outcome.intent}` : what;
}

/**
 * What was said (the summary, or the customer's lines flagged as issues) and the sentiment trend: call content,
 * so it goes to Callwise_Call_Summary__c, which only the Callwise permission sets can read. The standard
 * Description is visible to anyone who sees the parent record: it only points to that field.
 */
function callSummary(outcome: CallOutcome): string | undefined {
  const a = outcome.analysis;
  if (!a) return undefined;
  const trend = a.customerSentimentTrend ? `Customer sentiment ${a.customerSentimentTrend}.` : '';
  return [a.summary, trend].filter(Boolean).join('\n') || undefined;
}

/** The Description of a call with a summary: a pointer, never call content (it overwrites what older versions wrote there). */
export const SUMMARY_POINTER = 'Call summary: see the Callwise Call Summary field (restricted).';

/**
 * Whether this write is the Task's last, the one that hands it to the rep. Activities are "Controlled by Parent":
 * once a rep owns the Task, a least-privileged integration user may no longer edit it, so Callwise keeps the Task
 * until nothing more will be written: the first-call-resolution window has closed, or a repeat call has marked
 * the call unresolved and its Contact Lens analysis is in. See docs/call-logging.md, "Who owns the Task".
 */
export function isLastWrite(outcome: CallOutcome, windowClosed: boolean): boolean {
  return windowClosed || (outcome.firstCallResolution !== undefined && outcome.analysis !== undefined);
}

/**
 * The Task fields for an outcome, each fitted to its field. OwnerId (the rep) only in the last write (`handOver`);
 * the create-only TaskSubtype is the writer's to add (adapters/salesforce/call-log.ts).
 */
export function callTaskRecord(outcome: CallOutcome, options: { handOver?: boolean } = {}): CallTaskRecord {
  const a = outcome.analysis;
  const summary = callSummary(outcome);
  return fitToFields(
    compact({
      [CALL_TASK_EXTERNAL_ID]: outcome.contactId,
      Subject: subject(outcome),
      Status: 'Completed',
      ActivityDate: outcome.startedAt.slice(0, 10),
      CallObject: outcome.contactId,
      CallType: CALL_TYPES[outcome.direction],
      CallDurationInSeconds: outcome.handleSeconds,
      CallDisposition: outcome.disposition ?? (outcome.abandoned ? 'Abandoned' : undefined),
      WhoId: outcome.whoId,
      WhatId: outcome.whatId,
      OwnerId: options.handOver ? outcome.ownerId : undefined,
      Description: summary && SUMMARY_POINTER,
      Callwise_Call_Summary__c: summary,
      Callwise_Intent__c: outcome.intent,
      Callwise_Intent_Confidence__c: outcome.intentConfidence,
      Callwise_Value_Score__c: outcome.valueScore,
      Callwise_Value_Tier__c: outcome.valueTier,
      Callwise_Queue__c: outcome.queueName,
      Callwise_Routing_Rule__c: outcome.routingRule,
      Callwise_Routing_Reason__c: outcome.routingReason,
      Callwise_Profile_Source__c: outcome.profileSource,
      Callwise_Degraded__c: outcome.degraded,
      Callwise_Wait_Seconds__c: outcome.waitSeconds,
      Callwise_Talk_Seconds__c: outcome.talkSeconds,
      Callwise_Hold_Seconds__c: outcome.holdSeconds,
      Callwise_ACW_Seconds__c: outcome.acwSeconds,
      Callwise_Abandoned__c: outcome.abandoned,
      Callwise_Transferred__c: outcome.transferred,
      Callwise_First_Call_Resolution__c: outcome.firstCallResolution,
      Callwise_Converted__c: outcome.converted,
      Callwise_CSAT__c: outcome.csat,
      Callwise_Customer_Sentiment__c: a?.customerSentiment,
      Callwise_Agent_Sentiment__c: a?.agentSentiment,
      Callwise_Talk_Listen_Ratio__c: a?.talkListenRatio,
      Callwise_Interruptions__c: a?.interruptions,
      Callwise_Categories__c: a?.categories.join(';'),
      Callwise_Disconnect_Reason__c: outcome.disconnectReason,
      Callwise_Recording_Url__c: outcome.recordingUrl,
      ...handlingFields(a?.handling),
    }),
  );
}

/** The handling scorecard's Task fields, all of them once there is an analysis: a call that was not scored has its status and no score. */
function handlingFields(h: HandlingSummary | undefined): Record<string, string | number | null> {
  if (!h) return {};
  const clearable = {
    Callwise_Handling_Score__c: h.score,
    Callwise_Handling_Status__c: h.status,
    Callwise_Handling_Standard__c: h.standard,
    Callwise_Step_Greeting__c: h.steps?.greeting,
    Callwise_Step_Verification__c: h.steps?.verification,
    Callwise_Step_Needs__c: h.steps?.needsAssessment,
    Callwise_Step_Resolution__c: h.steps?.resolution,
    Callwise_Step_Summary__c: h.steps?.summary,
    Callwise_Step_Documentation__c: h.steps?.documentation,
    Callwise_Handling_Evidence__c: h.evidence,
    Callwise_Weakest_Step__c: h.weakestStep,
    Callwise_Coaching_Note__c: h.coaching,
  };
  return Object.fromEntries(Object.entries(clearable).map(([k, v]) => [k, v ?? null]));
}

/** A stable fingerprint of a record, to skip writes that would change nothing. */
export function recordFingerprint(record: CallTaskRecord): string {
  return JSON.stringify(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k as keyof CallTaskRecord]]),
  );
}
