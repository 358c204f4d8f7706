import type { RoutingPolicy } from './policy';
import type { MetadataRecord, MetadataValue, PolicyMetadataRecords } from './policy-metadata-types';

/**
 * Routing policy → custom metadata records (the inverse of policyFromMetadata): generates the
 * package's default records from config/default-policy.json. Blank fields are null.
 */
export function metadataFromPolicy(policy: RoutingPolicy): PolicyMetadataRecords {
  const p = policy;
  const queues = new Names();
  const agents = new Names();
  const intents = new Names();
  const weights = new Names();
  const tiers = new Names();
  const rules = new Names();
  return {
    Callwise_Setting__mdt: [
      record('Default', 'Default', {
        Version__c: p.version,
        Timezone__c: p.timezone,
        Default_Country__c: p.defaultCountry,
        Caller_Lookup__c: p.callerLookup,
        Business_Days__c: joined(p.businessHours.days),
        Open_Time__c: p.businessHours.open,
        Close_Time__c: p.businessHours.close,
        Holidays__c: joined(p.businessHours.holidays),
        Default_Intent__c: p.defaultIntent,
        Late_Stage_Opportunity_Stages__c: joined(p.crmSignals.lateStageOpportunityStages),
        Renewal_Due_Within_Days__c: p.crmSignals.renewalDueWithinDays,
        Repeat_Call_Window_Hours__c: p.crmSignals.repeatCallWindowHours,
        Fallback_Queue__c: p.fallback.queue,
        Fallback_Priority__c: p.fallback.priority,
        Fallback_Reason__c: p.fallback.reason,
        Deadline_Ms__c: p.timing.deadlineMs,
        Profile_Ttl_Seconds__c: p.timing.profileTtlSeconds,
        Negative_Ttl_Seconds__c: p.timing.negativeTtlSeconds,
        Queue_Status_Ttl_Seconds__c: p.timing.queueStatusTtlSeconds,
        Fcr_Window_Days__c: p.timing.fcrWindowDays,
        Policy_Refresh_Seconds__c: p.timing.policyRefreshSeconds,
        Dispositions__c: joined(p.dispositions),
      }),
    ],
    Callwise_Queue__mdt: Object.entries(p.queues).map(([key, q], i) =>
      record(queues.next(key), q.name, {
        Key__c: key,
        Name__c: q.name,
        Arn__c: q.arn,
        Overflow_To_Queue__c: q.overflow?.toQueue ?? null,
        Overflow_Contacts_In_Queue__c: q.overflow?.whenContactsInQueueAtLeast ?? null,
        Overflow_Oldest_Age_Seconds__c: q.overflow?.whenOldestContactAgeSecondsAtLeast ?? null,
        Order__c: position(i),
      }),
    ),
    Callwise_Agent__mdt: p.agents.map((a, i) =>
      record(agents.next(a.name || `Agent ${a.salesforceUserId}`), a.name || a.salesforceUserId, {
        Salesforce_User_Id__c: a.salesforceUserId,
        Agent_Id__c: a.agentId,
        Agent_Arn__c: null,
        Name__c: a.name || null,
        Order__c: position(i),
      }),
    ),
    Callwise_Intent__mdt: p.intents.map((intent, i) =>
      record(intents.next(intent.name), intent.name, {
        Name__c: intent.name,
        Description__c: intent.description || null,
        Whisper_Label__c: intent.whisperLabel,
        Ivr_Choices__c: joined(intent.signals.ivrChoices),
        Lex_Intents__c: joined(intent.signals.lexIntents),
        Dialled_Numbers__c: joined(intent.signals.dialledNumbers),
        Crm_Signals__c: joined(intent.signals.crm),
        Repeat_Call__c: intent.signals.repeatCall,
        Order__c: position(i),
      }),
    ),
    Callwise_Value_Weight__mdt: [
      ...Object.entries(p.value.accountTierPoints).map(([tier, points], i) =>
        weight(weights, 'Account_Tier', `Account Tier ${tier}`, points, i, { Key__c: tier }),
      ),
      ...p.value.annualRevenueBands.map((b, i) => weight(weights, 'Annual_Revenue', `Annual Revenue ${i + 1}`, b.points, i, { Minimum__c: b.minimum })),
      ...p.value.openPipelineBands.map((b, i) => weight(weights, 'Open_Pipeline', `Open Pipeline ${i + 1}`, b.points, i, { Minimum__c: b.minimum })),
      weight(weights, 'Late_Stage_Opportunity', 'Late Stage Opportunity', p.value.lateStageOpportunityPoints, 0),
      weight(weights, 'Person_Account', 'Person Account', p.value.personAccountPoints, 0),
      weight(weights, 'Lead', 'Lead', p.value.leadPoints, 0),
    ],
    Callwise_Value_Tier__mdt: p.value.tiers.map((t, i) =>
      record(tiers.next(t.name), t.name, { Name__c: t.name, Min_Score__c: t.minScore, Order__c: position(i) }),
    ),
    Callwise_Routing_Rule__mdt: p.rules.map((r, i) =>
      record(rules.next(r.name), r.name, {
        Name__c: r.name,
        Order__c: position(i),
        When_Intents__c: joined(r.when.intents),
        When_Tiers__c: joined(r.when.tiers),
        When_Caller_Known__c: yesNo(r.when.callerKnown),
        When_Business_Hours__c: yesNo(r.when.businessHours),
        When_Channels__c: joined(r.when.channels),
        When_Crm_Signals__c: joined(r.when.crmSignals),
        Then_Queue__c: r.then.queue,
        Then_Priority__c: r.then.priority,
        Then_Preferred_Agent__c: r.then.preferredAgent,
        Then_Agent_Timeout_Seconds__c: r.then.preferredAgentTimeoutSeconds,
      }),
    ),
  };
}

function record(developerName: string, label: string, fields: Record<string, MetadataValue>): MetadataRecord {
  return { DeveloperName: developerName, MasterLabel: label.slice(0, 40), ...fields };
}

function weight(names: Names, kind: string, label: string, points: number, index: number, fields: Record<string, MetadataValue> = {}): MetadataRecord {
  return record(names.next(label), label, { Kind__c: kind, Key__c: null, Minimum__c: null, Points__c: points, Order__c: position(index), ...fields });
}

const position = (index: number) => (index + 1) * 10;
const joined = (items: readonly string[] | undefined) => (items && items.length > 0 ? items.join(';') : null);
const yesNo = (flag: boolean | undefined) => (flag === undefined ? null : flag ? 'Yes' : 'No');

/** Unique DeveloperNames: letters, digits and single underscores, starting with a letter, at most 40 characters. */
class Names {
  private readonly used = new Set<string>();

  next(raw: string): string {
    let base = raw.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
    if (!/^[A-Za-z]/.test(base)) base = `X_${base}`;
    base = base.slice(0, 36).replace(/_+$/, '');
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}
