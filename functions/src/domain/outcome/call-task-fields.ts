/**
 * The Callwise custom activity fields on Task: the one list that both the Lambdas (what they write)
 * and the Salesforce package (what it ships, checked by a test) use. See DESIGN.md, "Call Task fields".
 */

import { truncate } from '../text';

export type CallTaskFieldType = 'Text' | 'LongTextArea' | 'Number' | 'Checkbox' | 'Url';

export interface CallTaskField {
  apiName: `Callwise_${string}__c`;
  label: string;
  type: CallTaskFieldType;
  /** Text length. */
  length?: number;
  /** Long text areas: the lines the edit box shows. */
  visibleLines?: number;
  /** Number precision and scale. */
  precision?: number;
  scale?: number;
  externalId?: boolean;
  unique?: boolean;
  helpText: string;
}

export const CALL_TASK_FIELDS = [
  {
    apiName: 'Callwise_Contact_Id__c',
    label: 'Connect Contact ID',
    type: 'Text',
    length: 64,
    externalId: true,
    unique: true,
    helpText: 'Amazon Connect ContactId of the call. Makes every write idempotent.',
  },
  { apiName: 'Callwise_Intent__c', label: 'Intent', type: 'Text', length: 80, helpText: 'Why the customer called, as inferred before the call was answered.' },
  {
    apiName: 'Callwise_Intent_Confidence__c',
    label: 'Intent Confidence',
    type: 'Number',
    precision: 3,
    scale: 2,
    helpText: 'How sure Callwise was of the intent, from 0.00 to 1.00.',
  },
  {
    apiName: 'Callwise_Value_Score__c',
    label: 'Value Score',
    type: 'Number',
    precision: 3,
    scale: 0,
    helpText: 'How valuable the call was judged, from 0 to 100.',
  },
  {
    apiName: 'Callwise_Value_Tier__c',
    label: 'Value Tier',
    type: 'Text',
    length: 40,
    helpText: 'The value tier the score fell in (for example VIP, High, Standard).',
  },
  { apiName: 'Callwise_Queue__c', label: 'Queue', type: 'Text', length: 255, helpText: 'The Amazon Connect queue the call was routed to.' },
  { apiName: 'Callwise_Routing_Rule__c', label: 'Routing Rule', type: 'Text', length: 80, helpText: 'The routing rule that chose the queue.' },
  { apiName: 'Callwise_Routing_Reason__c', label: 'Routing Reason', type: 'Text', length: 255, helpText: 'Why the call went where it went, in words.' },
  {
    apiName: 'Callwise_Profile_Source__c',
    label: 'Caller Source',
    type: 'Text',
    length: 20,
    helpText: 'Where routing found who the caller is: directory, live lookup, cache or none.',
  },
  {
    apiName: 'Callwise_Degraded__c',
    label: 'Degraded Routing',
    type: 'Checkbox',
    helpText: 'Checked when the call was routed by the fallback because Salesforce or AWS was slow or down.',
  },
  {
    apiName: 'Callwise_Wait_Seconds__c',
    label: 'Wait Seconds',
    type: 'Number',
    precision: 9,
    scale: 0,
    helpText: 'Seconds the caller waited in queue before a rep answered (or hung up).',
  },
  {
    apiName: 'Callwise_Talk_Seconds__c',
    label: 'Talk Seconds',
    type: 'Number',
    precision: 9,
    scale: 0,
    helpText: 'Seconds the rep and the caller were connected, less hold time.',
  },
  { apiName: 'Callwise_Hold_Seconds__c', label: 'Hold Seconds', type: 'Number', precision: 9, scale: 0, helpText: 'Seconds the caller was on hold.' },
  {
    apiName: 'Callwise_ACW_Seconds__c',
    label: 'After-Call Work Seconds',
    type: 'Number',
    precision: 9,
    scale: 0,
    helpText: 'Seconds the rep spent in after-call work.',
  },
  { apiName: 'Callwise_Abandoned__c', label: 'Abandoned', type: 'Checkbox', helpText: 'Checked when the caller hung up in queue before anyone answered.' },
  { apiName: 'Callwise_Transferred__c', label: 'Transferred', type: 'Checkbox', helpText: 'Checked when the call was transferred to another queue or rep.' },
  {
    apiName: 'Callwise_First_Call_Resolution__c',
    label: 'First-Call Resolution',
    type: 'Checkbox',
    helpText: 'Checked when the caller did not call again about the same intent within the resolution window.',
  },
  {
    apiName: 'Callwise_Converted__c',
    label: 'Converted',
    type: 'Checkbox',
    helpText: 'Checked when the rep marked the call as converted (a sale or a won opportunity).',
  },
  { apiName: 'Callwise_CSAT__c', label: 'CSAT', type: 'Number', precision: 1, scale: 0, helpText: 'Post-call survey score, 1 (poor) to 5 (excellent).' },
  {
    apiName: 'Callwise_Customer_Sentiment__c',
    label: 'Customer Sentiment',
    type: 'Number',
    precision: 3,
    scale: 1,
    helpText: 'Contact Lens overall customer sentiment, from -5 to +5.',
  },
  {
    apiName: 'Callwise_Agent_Sentiment__c',
    label: 'Agent Sentiment',
    type: 'Number',
    precision: 3,
    scale: 1,
    helpText: 'Contact Lens overall agent sentiment, from -5 to +5.',
  },
  {
    apiName: 'Callwise_Talk_Listen_Ratio__c',
    label: 'Talk-to-Listen Ratio',
    type: 'Number',
    precision: 5,
    scale: 2,
    helpText: 'Rep talk time divided by customer talk time.',
  },
  {
    apiName: 'Callwise_Interruptions__c',
    label: 'Interruptions',
    type: 'Number',
    precision: 5,
    scale: 0,
    helpText: 'How many times someone talked over the other party.',
  },
  {
    apiName: 'Callwise_Categories__c',
    label: 'Categories',
    type: 'Text',
    length: 255,
    helpText: 'Contact Lens categories matched in the call (compliance phrases, objections), separated by semicolons.',
  },
  {
    apiName: 'Callwise_Disconnect_Reason__c',
    label: 'Disconnect Reason',
    type: 'Text',
    length: 40,
    helpText: 'Why Amazon Connect ended the call (for example CUSTOMER_DISCONNECT).',
  },
  { apiName: 'Callwise_Recording_Url__c', label: 'Recording', type: 'Url', helpText: 'Where the call recording is stored.' },
  {
    apiName: 'Callwise_Handling_Score__c',
    label: 'Handling Score',
    type: 'Number',
    precision: 3,
    scale: 0,
    helpText: 'How well the call was handled against the handling standard, 0 to 100. Blank when the call could not be scored fairly.',
  },
  {
    apiName: 'Callwise_Handling_Status__c',
    label: 'Handling Status',
    type: 'Text',
    length: 80,
    helpText: 'Scored, or Not scored and why (one-way audio, no agent turns, too short, chat without transcript).',
  },
  {
    apiName: 'Callwise_Handling_Standard__c',
    label: 'Handling Standard',
    type: 'Text',
    length: 80,
    helpText: 'The handling standard variant and version the call was scored against.',
  },
  {
    apiName: 'Callwise_Step_Greeting__c',
    label: 'Step: Greeting',
    type: 'Text',
    length: 20,
    helpText: 'Greeting and self-identification: Passed, Missed or Not applicable.',
  },
  {
    apiName: 'Callwise_Step_Verification__c',
    label: 'Step: Verification',
    type: 'Text',
    length: 20,
    helpText: 'Identity verification before account details: Passed, Missed or Not applicable.',
  },
  {
    apiName: 'Callwise_Step_Needs__c',
    label: 'Step: Needs Assessment',
    type: 'Text',
    length: 20,
    helpText: 'Questions that uncover the need: Passed, Missed or Not applicable.',
  },
  {
    apiName: 'Callwise_Step_Resolution__c',
    label: 'Step: Resolution',
    type: 'Text',
    length: 20,
    helpText: 'Issue resolved or deal moved forward: Passed, Missed or Not applicable.',
  },
  {
    apiName: 'Callwise_Step_Summary__c',
    label: 'Step: Summary',
    type: 'Text',
    length: 20,
    helpText: 'Summary and next steps confirmed: Passed, Missed or Not applicable.',
  },
  {
    apiName: 'Callwise_Step_Documentation__c',
    label: 'Step: Documentation',
    type: 'Text',
    length: 20,
    helpText: 'Outcome documented: Passed, Missed or Not applicable.',
  },
  {
    apiName: 'Callwise_Handling_Evidence__c',
    label: 'Handling Evidence',
    type: 'Text',
    length: 255,
    helpText: 'Where in the call each passed step was first heard (minutes:seconds from the start).',
  },
  { apiName: 'Callwise_Weakest_Step__c', label: 'Weakest Step', type: 'Text', length: 80, helpText: 'The missed step that weighs most: what to coach first.' },
  // LongTextArea(32000) (Metadata API, CustomField: length and visibleLines): call content, readable only through the Callwise permission sets.
  {
    apiName: 'Callwise_Call_Summary__c',
    label: 'Call Summary',
    type: 'LongTextArea',
    length: 32000,
    visibleLines: 6,
    helpText:
      'Issues, outcomes and action items of the call (Contact Lens summary, else the issues it detected) and how customer sentiment moved. Readable only with a Callwise permission set.',
  },
  {
    apiName: 'Callwise_Coaching_Note__c',
    label: 'Coaching Note',
    type: 'Text',
    length: 255,
    helpText: 'One coaching note naming the weakest step, from the handling standard.',
  },
] as const satisfies readonly CallTaskField[];

export type CallTaskFieldName = (typeof CALL_TASK_FIELDS)[number]['apiName'];

/** The external ID field used for idempotent upserts. */
export const CALL_TASK_EXTERNAL_ID = 'Callwise_Contact_Id__c' satisfies CallTaskFieldName;

/**
 * Every value the writer sends fits its field, so Salesforce never refuses a Task for its size
 * (STRING_TOO_LONG, NUMBER_OUTSIDE_VALID_RANGE). The sizes come from one list: CALL_TASK_FIELDS for the
 * Callwise fields (a test holds it equal to the package's .field-meta.xml) and the standard Task fields'
 * lengths from the Object Reference.
 */

/** Standard Task text fields Callwise writes, and their lengths. */
export const STANDARD_TASK_TEXT_LENGTHS = { Subject: 255, CallObject: 255, CallDisposition: 255, Description: 32000 } as const;

type Size = { length: number } | { precision: number; scale: number };

const SIZES: ReadonlyMap<string, Size> = new Map<string, Size>([
  ...Object.entries(STANDARD_TASK_TEXT_LENGTHS).map(([name, length]) => [name, { length }] as const),
  ...CALL_TASK_FIELDS.flatMap((f): Array<[string, Size]> => {
    if ('length' in f) return [[f.apiName, { length: f.length }]];
    if ('precision' in f) return [[f.apiName, { precision: f.precision, scale: f.scale }]];
    // Url fields hold 255 characters.
    if (f.type === 'Url') return [[f.apiName, { length: 255 }]];
    return [];
  }),
]);

/** The size of a field the writer knows, if it has one. */
export function fieldSize(apiName: string): Size | undefined {
  return SIZES.get(apiName);
}

/**
 * A number rounded to the field's scale and held inside what Number(precision, scale) can store (a talk-to-listen
 * ratio of 1,500 is written as 999.99, "at least this much"); a number that is not finite is left out.
 */
export function fitNumber(value: number, precision: number, scale: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  const largest = Number((10 ** (precision - scale) - 10 ** -scale).toFixed(scale));
  const rounded = Number(value.toFixed(scale));
  return Math.max(-largest, Math.min(largest, rounded));
}

/** The record with every sized value fitted to its field (values of unsized fields and nulls unchanged; unfit numbers dropped). */
export function fitToFields<T extends Record<string, string | number | boolean | null>>(record: T): T {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [name, value] of Object.entries(record)) {
    const size = SIZES.get(name);
    // Text ends with "…" when cut, so a reader sees it was.
    if (size && 'length' in size && typeof value === 'string') out[name] = truncate(value, size.length);
    else if (size && 'precision' in size && typeof value === 'number') {
      const fitted = fitNumber(value, size.precision, size.scale);
      if (fitted !== undefined) out[name] = fitted;
    } else out[name] = value;
  }
  return out as T;
}
