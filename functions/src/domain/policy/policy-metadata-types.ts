/**
 * The Custom Metadata Types that hold the routing policy in Salesforce: one catalogue that the
 * policy builder (policy-metadata.ts), the SOQL reader, the package generator (local/tools) and the
 * package test all use. Lists are `;`-separated text; blank means "not set" (the schema default applies).
 */

export type MetadataFieldType = 'Text' | 'LongTextArea' | 'Number' | 'Checkbox' | 'Picklist';

export interface MetadataFieldDefinition {
  type: MetadataFieldType;
  label: string;
  help: string;
  length?: number;
  precision?: number;
  scale?: number;
  values?: readonly string[];
}

export interface MetadataTypeDefinition {
  label: string;
  pluralLabel: string;
  description: string;
  fields: Record<string, MetadataFieldDefinition>;
}

const text = (length: number, label: string, help: string): MetadataFieldDefinition => ({ type: 'Text', length, label, help });
const list = (label: string, help: string): MetadataFieldDefinition => ({
  type: 'Text',
  length: 255,
  label,
  help: `${help} Separate values with semicolons; leave blank for none.`,
});
const number = (precision: number, scale: number, label: string, help: string): MetadataFieldDefinition => ({ type: 'Number', precision, scale, label, help });
const order = number(4, 0, 'Order', 'Position in the list, lowest first.');

export const POLICY_METADATA_TYPES = {
  Callwise_Setting__mdt: {
    label: 'Callwise Setting',
    pluralLabel: 'Callwise Settings',
    description: 'Callwise routing settings: exactly one record (Default) with the time zone, business hours, fallback route and timing.',
    fields: {
      Version__c: text(
        40,
        'Policy Version',
        'A label for this version of the routing configuration, shown with every routing decision. Change it when you change routing.',
      ),
      Timezone__c: text(80, 'Time Zone', 'IANA time zone of the contact centre, for example America/New_York.'),
      Default_Country__c: text(2, 'Default Country', 'ISO country code used to read phone numbers without a country code, for example US.'),
      Caller_Lookup__c: text(
        20,
        'Caller Lookup',
        'Where callers are looked up: directory (the caller directory in AWS once loaded; Salesforce until then) or live (Salesforce on every call).',
      ),
      Business_Days__c: list('Business Days', 'Open days, as mon;tue;wed;thu;fri;sat;sun.'),
      Open_Time__c: text(5, 'Opens At', 'Opening time, HH:MM (24-hour), in the time zone above.'),
      Close_Time__c: text(5, 'Closes At', 'Closing time, HH:MM (24-hour), in the time zone above.'),
      Holidays__c: { type: 'LongTextArea', length: 4000, label: 'Holidays', help: 'Closed dates as YYYY-MM-DD, separated by semicolons or new lines.' },
      Default_Intent__c: text(80, 'Default Intent', 'Intent used when no signal implies one (the Name of a Callwise Intent record).'),
      Late_Stage_Opportunity_Stages__c: list('Late-Stage Opportunity Stages', 'Opportunity stages that count as late stage.'),
      Renewal_Due_Within_Days__c: number(3, 0, 'Renewal Due Within Days', 'A contract ending within this many days is a renewal signal.'),
      Repeat_Call_Window_Hours__c: number(3, 0, 'Repeat Call Window Hours', 'A call within this many hours of the previous one is a repeat call.'),
      Fallback_Queue__c: text(80, 'Fallback Queue', 'Queue (Key of a Callwise Queue record) used when Salesforce or AWS is slow or down.'),
      Fallback_Priority__c: number(2, 0, 'Fallback Priority', 'Routing priority of fallback calls, 1 (soonest) to 10.'),
      Fallback_Reason__c: text(200, 'Fallback Reason', 'Routing reason recorded on calls routed by the fallback.'),
      Deadline_Ms__c: number(4, 0, 'Routing Deadline (ms)', 'How long routing may take before the fallback is used, 100 to 7000 milliseconds.'),
      Profile_Ttl_Seconds__c: number(6, 0, 'Caller Cache Seconds', 'How long a caller profile is reused before Salesforce is asked again.'),
      Negative_Ttl_Seconds__c: number(5, 0, 'Unknown Caller Cache Seconds', 'How long an unknown number is remembered as unknown.'),
      Queue_Status_Ttl_Seconds__c: number(3, 0, 'Queue Status Cache Seconds', 'How long live queue status is reused for overflow decisions.'),
      Fcr_Window_Days__c: number(
        2,
        0,
        'First-Call Resolution Days',
        'A call counts as resolved when the caller does not call again about the same intent within this many days.',
      ),
      Policy_Refresh_Seconds__c: number(4, 0, 'Policy Refresh Seconds', 'How long routing keeps this configuration in memory before reading it again.'),
      Dispositions__c: text(
        255,
        'Call Dispositions',
        'The call dispositions a contact flow or agent may set (contact attribute disposition), separated by semicolons, for example Resolved;Follow-up. Any other value is left off the Call Task and counted. Blank: Resolved, Follow-up, Escalated, Sale, Voicemail, Wrong number, No answer.',
      ),
    },
  },
  Callwise_Queue__mdt: {
    label: 'Callwise Queue',
    pluralLabel: 'Callwise Queues',
    description: 'Amazon Connect queues that Callwise routes to, with optional overflow to another queue.',
    fields: {
      Key__c: text(80, 'Key', 'Short name that rules and overflow use to refer to this queue, for example support.'),
      Name__c: text(80, 'Queue Name', 'Queue name as shown to reps and in reports.'),
      Arn__c: text(255, 'Queue ARN', 'The Amazon Connect queue ARN.'),
      Overflow_To_Queue__c: text(80, 'Overflow To Queue', 'Key of the queue that takes calls when this one is too busy; blank for no overflow.'),
      Overflow_Contacts_In_Queue__c: number(5, 0, 'Overflow At Contacts In Queue', 'Overflow when at least this many calls are waiting.'),
      Overflow_Oldest_Age_Seconds__c: number(6, 0, 'Overflow At Oldest Wait Seconds', 'Overflow when the longest-waiting call has waited at least this long.'),
      Order__c: order,
    },
  },
  Callwise_Agent__mdt: {
    label: 'Callwise Agent',
    pluralLabel: 'Callwise Agents',
    description: 'Salesforce users who are also Amazon Connect agents, so routing can prefer the record owner.',
    fields: {
      Salesforce_User_Id__c: text(18, 'Salesforce User ID', 'The 15- or 18-character Id of the Salesforce user (005…).'),
      Agent_Id__c: text(
        255,
        'Connect Agent ID',
        'The Amazon Connect user id of the same person (the last part of the user ARN, after /agent/); a user ARN is accepted and reduced to its id.',
      ),
      Agent_Arn__c: text(255, 'Connect Agent ARN (old)', 'Read only when Connect Agent ID is blank, and reduced to its id: use Connect Agent ID instead.'),
      Name__c: text(80, 'Agent Name', 'Display name, for your own reference.'),
      Order__c: order,
    },
  },
  Callwise_Intent__mdt: {
    label: 'Callwise Intent',
    pluralLabel: 'Callwise Intents',
    description: 'Why customers call, and the signals that imply each reason.',
    fields: {
      Name__c: text(80, 'Intent Name', 'Name used by rules and written on Call Tasks, for example billing.'),
      Description__c: text(255, 'Description', 'What this intent covers.'),
      Whisper_Label__c: text(60, 'Whisper Label', 'Short phrase the rep hears before the caller is connected, for example billing question.'),
      Ivr_Choices__c: list('IVR Choices', 'Menu keys (DTMF) that mean this intent.'),
      Lex_Intents__c: list('Lex Intents', 'Amazon Lex intent names that mean this intent.'),
      Dialled_Numbers__c: list('Dialled Numbers', 'Numbers (E.164, for example +18005550101) whose callers have this intent.'),
      Crm_Signals__c: list('CRM Signals', 'Salesforce facts that imply this intent: openCase, lateStageOpportunity, renewalDue, overdueInvoice.'),
      Repeat_Call__c: { type: 'Checkbox', label: 'Repeat Call Implies It', help: 'When checked, a repeat call about this intent keeps this intent.' },
      Order__c: order,
    },
  },
  Callwise_Value_Weight__mdt: {
    label: 'Callwise Value Weight',
    pluralLabel: 'Callwise Value Weights',
    description: 'Points that make up a caller value score (0-100): by account tier, annual revenue band, open pipeline band, and flat points.',
    fields: {
      Kind__c: {
        type: 'Picklist',
        label: 'Kind',
        help: 'What earns the points. Account Tier uses Key; Annual Revenue and Open Pipeline are bands that use Minimum; the others are flat points.',
        values: ['Account_Tier', 'Annual_Revenue', 'Open_Pipeline', 'Late_Stage_Opportunity', 'Person_Account', 'Lead'],
      },
      Key__c: text(80, 'Account Tier', 'For Account Tier: the tier value (Account Callwise Tier, else Rating), for example Gold.'),
      Minimum__c: number(16, 2, 'Minimum', 'For bands: the amount from which the band applies; the highest band reached counts.'),
      Points__c: number(5, 2, 'Points', 'Points added to the value score, 0 to 100.'),
      Order__c: order,
    },
  },
  Callwise_Value_Tier__mdt: {
    label: 'Callwise Value Tier',
    pluralLabel: 'Callwise Value Tiers',
    description: 'Value tiers by minimum score; one tier must start at 0.',
    fields: {
      Name__c: text(80, 'Tier Name', 'Name used by rules and written on Call Tasks, for example vip.'),
      Min_Score__c: number(3, 0, 'Minimum Score', 'Lowest value score (0-100) in this tier.'),
      Order__c: order,
    },
  },
  Callwise_Routing_Rule__mdt: {
    label: 'Callwise Routing Rule',
    pluralLabel: 'Callwise Routing Rules',
    description: 'Ordered routing rules: the first rule whose conditions all match chooses the queue. Blank conditions match any call.',
    fields: {
      Name__c: text(80, 'Rule Name', 'Name written on Call Tasks as the routing rule.'),
      Order__c: order,
      When_Intents__c: list('When Intents', 'Match calls with one of these intents.'),
      When_Tiers__c: list('When Value Tiers', 'Match calls in one of these value tiers.'),
      When_Caller_Known__c: {
        type: 'Picklist',
        label: 'When Caller Known',
        help: 'Yes: only callers found in Salesforce; No: only unknown callers; blank: any.',
        values: ['Yes', 'No'],
      },
      When_Business_Hours__c: {
        type: 'Picklist',
        label: 'When Business Hours',
        help: 'Yes: only during business hours; No: only outside them; blank: any time.',
        values: ['Yes', 'No'],
      },
      When_Channels__c: list('When Channels', 'Match these Connect channels: VOICE, CHAT, TASK, EMAIL.'),
      When_Crm_Signals__c: list('When CRM Signals', 'Match callers showing one of these facts: openCase, lateStageOpportunity, renewalDue, overdueInvoice.'),
      Then_Queue__c: text(80, 'Queue', 'Key of the Callwise Queue the call goes to.'),
      Then_Priority__c: number(2, 0, 'Priority', 'Routing priority, 1 (soonest) to 10.'),
      Then_Preferred_Agent__c: {
        type: 'Picklist',
        label: 'Preferred Agent',
        help: 'Offer the call first to the record owner, to the last agent who spoke with the caller, or to nobody in particular.',
        values: ['none', 'owner', 'lastAgent'],
      },
      Then_Agent_Timeout_Seconds__c: number(
        3,
        0,
        'Preferred Agent Timeout Seconds',
        'How long the preferred agent has before anyone in the queue can take the call.',
      ),
    },
  },
} as const satisfies Record<string, MetadataTypeDefinition>;

export type PolicyMetadataType = keyof typeof POLICY_METADATA_TYPES;
export const POLICY_METADATA_TYPE_NAMES = Object.keys(POLICY_METADATA_TYPES) as PolicyMetadataType[];

export type MetadataValue = string | number | boolean | null;

/** One custom metadata record as the REST API returns it: DeveloperName, MasterLabel and field values. */
export interface MetadataRecord {
  DeveloperName: string;
  MasterLabel?: string;
  [field: string]: MetadataValue | undefined;
}

export type PolicyMetadataRecords = Partial<Record<PolicyMetadataType, MetadataRecord[]>>;

/** The field names of a type, in catalogue order (the SOQL reader selects exactly these). */
export function metadataFieldNames(type: PolicyMetadataType): string[] {
  return Object.keys(POLICY_METADATA_TYPES[type].fields);
}
