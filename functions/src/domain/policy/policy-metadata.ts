import { type PolicyValidation, validatePolicy } from './policy';
import type { MetadataRecord, MetadataValue, PolicyMetadataRecords, PolicyMetadataType } from './policy-metadata-types';

/**
 * Custom metadata records → routing policy. Every error names the record (type and DeveloperName)
 * and the field an admin has to fix, including the schema's own errors (mapped back from their path).
 */
export function policyFromMetadata(records: PolicyMetadataRecords): PolicyValidation {
  const build = new PolicyBuilder(records);
  const draft = build.policy();
  if (build.errors.length > 0 || !draft) return { ok: false, errors: build.errors };
  const result = validatePolicy(draft);
  if (result.ok) return result;
  return { ok: false, errors: result.errors.map((error) => build.locate(error)) };
}

type Path = (string | number)[];
const VALUE_KINDS = ['Account_Tier', 'Annual_Revenue', 'Open_Pipeline', 'Late_Stage_Opportunity', 'Person_Account', 'Lead'] as const;
const FLAT_POINTS = { Late_Stage_Opportunity: 'lateStageOpportunityPoints', Person_Account: 'personAccountPoints', Lead: 'leadPoints' } as const;

/** Reads one record's fields as policy values, reporting type errors against the record and field. */
class RecordReader {
  constructor(
    readonly type: PolicyMetadataType,
    readonly record: MetadataRecord,
    private readonly errors: string[],
  ) {}

  where(field?: string): string {
    return field ? `${this.type} record "${this.record.DeveloperName}", field ${field}` : `${this.type} record "${this.record.DeveloperName}"`;
  }

  private raw(field: string): MetadataValue | undefined {
    return this.record[field];
  }

  text(field: string): string | undefined {
    const value = this.raw(field);
    if (value === null || value === undefined) return undefined;
    const text = String(value).trim();
    return text === '' ? undefined : text;
  }

  number(field: string): number | undefined {
    const value = this.raw(field);
    if (typeof value === 'number') return value;
    const text = this.text(field);
    if (text === undefined) return undefined;
    const parsed = Number(text);
    if (Number.isFinite(parsed) && /^-?\d+(\.\d+)?$/.test(text)) return parsed;
    this.errors.push(`${this.where(field)}: expected a number, got "${text}"`);
    return undefined;
  }

  checkbox(field: string): boolean {
    const value = this.raw(field);
    return value === true || String(value).toLowerCase() === 'true';
  }

  /** A Yes/No/blank picklist: blank means "any" (undefined). */
  yesNo(field: string): boolean | undefined {
    const text = this.text(field);
    if (text === undefined) return undefined;
    if (text === 'Yes' || text === 'No') return text === 'Yes';
    this.errors.push(`${this.where(field)}: expected Yes, No or blank, got "${text}"`);
    return undefined;
  }

  /** Semicolon-separated values (holidays also accept new lines); blank means none (undefined). */
  list(field: string, separator: RegExp = /;/): string[] | undefined {
    const text = this.text(field);
    if (text === undefined) return undefined;
    const items = text
      .split(separator)
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return items.length > 0 ? items : undefined;
  }
}

class PolicyBuilder {
  readonly errors: string[] = [];
  /** Policy path (joined with ".") → where an admin edits it. */
  private readonly origins = new Map<string, string>();

  constructor(private readonly records: PolicyMetadataRecords) {}

  /** Maps a schema error "path: message" to the record and field behind the longest known prefix of its path. */
  locate(error: string): string {
    const split = error.indexOf(': ');
    const path = error.slice(0, split).split('.');
    for (let n = path.length; n > 0; n--) {
      const origin = this.origins.get(path.slice(0, n).join('.'));
      if (origin) return `${origin}: ${readable(error.slice(split + 2))} (policy ${path.join('.')})`;
    }
    return error;
  }

  private from(path: Path, reader: RecordReader, field?: string): void {
    this.origins.set(path.join('.'), reader.where(field));
  }

  private readers(type: PolicyMetadataType): RecordReader[] {
    this.origins.set(typePath(type), type);
    const rows = [...(this.records[type] ?? [])].sort((a, b) => orderOf(a) - orderOf(b) || a.DeveloperName.localeCompare(b.DeveloperName));
    return rows.map((row) => new RecordReader(type, row, this.errors));
  }

  /** Reads each field of `fields` from the record, remembering where each policy path came from. */
  private fields(reader: RecordReader, base: Path, fields: Record<string, [string, (field: string) => unknown]>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, [field, read]] of Object.entries(fields)) {
      this.from([...base, ...key.split('.')], reader, field);
      const value = read(field);
      if (value !== undefined) setPath(out, key.split('.'), value);
    }
    return out;
  }

  policy(): Record<string, unknown> | undefined {
    const settings = this.readers('Callwise_Setting__mdt');
    const [setting] = settings;
    if (!setting || settings.length > 1) {
      this.errors.push(`Callwise_Setting__mdt: expected exactly one record (Default), found ${settings.length}`);
      return undefined;
    }
    const s = setting;
    const settingFields = this.fields(s, [], {
      version: ['Version__c', (f) => s.text(f)],
      timezone: ['Timezone__c', (f) => s.text(f)],
      defaultCountry: ['Default_Country__c', (f) => s.text(f)],
      callerLookup: ['Caller_Lookup__c', (f) => s.text(f)],
      'businessHours.days': ['Business_Days__c', (f) => s.list(f)],
      'businessHours.open': ['Open_Time__c', (f) => s.text(f)],
      'businessHours.close': ['Close_Time__c', (f) => s.text(f)],
      'businessHours.holidays': ['Holidays__c', (f) => s.list(f, /[;\s]+/)],
      defaultIntent: ['Default_Intent__c', (f) => s.text(f)],
      'crmSignals.lateStageOpportunityStages': ['Late_Stage_Opportunity_Stages__c', (f) => s.list(f)],
      'crmSignals.renewalDueWithinDays': ['Renewal_Due_Within_Days__c', (f) => s.number(f)],
      'crmSignals.repeatCallWindowHours': ['Repeat_Call_Window_Hours__c', (f) => s.number(f)],
      'fallback.queue': ['Fallback_Queue__c', (f) => s.text(f)],
      'fallback.priority': ['Fallback_Priority__c', (f) => s.number(f)],
      'fallback.reason': ['Fallback_Reason__c', (f) => s.text(f)],
      'timing.deadlineMs': ['Deadline_Ms__c', (f) => s.number(f)],
      'timing.profileTtlSeconds': ['Profile_Ttl_Seconds__c', (f) => s.number(f)],
      'timing.negativeTtlSeconds': ['Negative_Ttl_Seconds__c', (f) => s.number(f)],
      'timing.queueStatusTtlSeconds': ['Queue_Status_Ttl_Seconds__c', (f) => s.number(f)],
      'timing.fcrWindowDays': ['Fcr_Window_Days__c', (f) => s.number(f)],
      'timing.policyRefreshSeconds': ['Policy_Refresh_Seconds__c', (f) => s.number(f)],
      dispositions: ['Dispositions__c', (f) => s.list(f)],
    });
    return { ...settingFields, queues: this.queues(), agents: this.agents(), intents: this.intents(), value: this.value(), rules: this.rules() };
  }

  private queues(): Record<string, unknown> {
    const queues = new Map<string, unknown>();
    for (const q of this.readers('Callwise_Queue__mdt')) {
      const key = q.text('Key__c');
      if (key === undefined) {
        this.errors.push(`${q.where('Key__c')}: a queue needs a Key`);
        continue;
      }
      if (queues.has(key)) this.errors.push(`${q.where('Key__c')}: duplicate queue key "${key}"`);
      this.from(['queues', key], q);
      const queue = this.fields(q, ['queues', key], {
        arn: ['Arn__c', (f) => q.text(f)],
        name: ['Name__c', (f) => q.text(f)],
        'overflow.toQueue': ['Overflow_To_Queue__c', (f) => q.text(f)],
        'overflow.whenContactsInQueueAtLeast': ['Overflow_Contacts_In_Queue__c', (f) => q.number(f)],
        'overflow.whenOldestContactAgeSecondsAtLeast': ['Overflow_Oldest_Age_Seconds__c', (f) => q.number(f)],
      });
      this.from(['queues', key, 'overflow'], q, 'Overflow_To_Queue__c');
      queues.set(key, queue);
    }
    return Object.fromEntries(queues);
  }

  private agents(): unknown[] {
    return this.readers('Callwise_Agent__mdt').map((a, i) => {
      this.from(['agents', i], a);
      return this.fields(a, ['agents', i], {
        salesforceUserId: ['Salesforce_User_Id__c', (f) => a.text(f)],
        // Records from before agent ids hold an ARN in Agent_Arn__c; the schema reduces it to the id.
        agentId: ['Agent_Id__c', (f) => a.text(f) ?? a.text('Agent_Arn__c')],
        name: ['Name__c', (f) => a.text(f)],
      });
    });
  }

  private intents(): unknown[] {
    return this.readers('Callwise_Intent__mdt').map((r, i) => {
      this.from(['intents', i], r);
      return this.fields(r, ['intents', i], {
        name: ['Name__c', (f) => r.text(f)],
        description: ['Description__c', (f) => r.text(f)],
        whisperLabel: ['Whisper_Label__c', (f) => r.text(f)],
        'signals.ivrChoices': ['Ivr_Choices__c', (f) => r.list(f)],
        'signals.lexIntents': ['Lex_Intents__c', (f) => r.list(f)],
        'signals.dialledNumbers': ['Dialled_Numbers__c', (f) => r.list(f)],
        'signals.crm': ['Crm_Signals__c', (f) => r.list(f)],
        'signals.repeatCall': ['Repeat_Call__c', (f) => r.checkbox(f)],
      });
    });
  }

  private rules(): unknown[] {
    return this.readers('Callwise_Routing_Rule__mdt').map((r, i) => {
      this.from(['rules', i], r);
      const rule = this.fields(r, ['rules', i], {
        name: ['Name__c', (f) => r.text(f)],
        'when.intents': ['When_Intents__c', (f) => r.list(f)],
        'when.tiers': ['When_Tiers__c', (f) => r.list(f)],
        'when.callerKnown': ['When_Caller_Known__c', (f) => r.yesNo(f)],
        'when.businessHours': ['When_Business_Hours__c', (f) => r.yesNo(f)],
        'when.channels': ['When_Channels__c', (f) => r.list(f)],
        'when.crmSignals': ['When_Crm_Signals__c', (f) => r.list(f)],
        'then.queue': ['Then_Queue__c', (f) => r.text(f)],
        'then.priority': ['Then_Priority__c', (f) => r.number(f)],
        'then.preferredAgent': ['Then_Preferred_Agent__c', (f) => r.text(f)],
        'then.preferredAgentTimeoutSeconds': ['Then_Agent_Timeout_Seconds__c', (f) => r.number(f)],
      });
      return { when: {}, then: {}, ...rule };
    });
  }

  private value(): Record<string, unknown> {
    const value: Record<string, unknown> = { annualRevenueBands: [], openPipelineBands: [] };
    const tierPoints = new Map<string, number | undefined>();
    for (const w of this.readers('Callwise_Value_Weight__mdt')) {
      const kind = w.text('Kind__c') as (typeof VALUE_KINDS)[number] | undefined;
      const points = w.number('Points__c');
      if (!kind || !VALUE_KINDS.includes(kind)) {
        this.errors.push(`${w.where('Kind__c')}: expected one of ${VALUE_KINDS.join(', ')}, got "${kind ?? ''}"`);
      } else if (kind === 'Account_Tier') {
        const key = w.text('Key__c');
        if (key === undefined) this.errors.push(`${w.where('Key__c')}: an Account_Tier weight needs the tier value`);
        else if (tierPoints.has(key)) this.errors.push(`${w.where('Key__c')}: duplicate account tier "${key}"`);
        else {
          this.from(['value', 'accountTierPoints', key], w, 'Points__c');
          tierPoints.set(key, points);
        }
      } else if (kind === 'Annual_Revenue' || kind === 'Open_Pipeline') {
        const bands = value[kind === 'Annual_Revenue' ? 'annualRevenueBands' : 'openPipelineBands'] as unknown[];
        const path = ['value', kind === 'Annual_Revenue' ? 'annualRevenueBands' : 'openPipelineBands', bands.length];
        bands.push(this.fields(w, path, { minimum: ['Minimum__c', (f) => w.number(f)], points: ['Points__c', () => points] }));
      } else {
        const key = FLAT_POINTS[kind];
        if (Object.hasOwn(value, key)) this.errors.push(`${w.where('Kind__c')}: more than one ${kind} weight`);
        this.from(['value', key], w, 'Points__c');
        value[key] = points;
      }
    }
    value.accountTierPoints = Object.fromEntries(tierPoints);
    value.tiers = this.readers('Callwise_Value_Tier__mdt').map((t, i) => {
      this.from(['value', 'tiers', i], t);
      return this.fields(t, ['value', 'tiers', i], { name: ['Name__c', (f) => t.text(f)], minScore: ['Min_Score__c', (f) => t.number(f)] });
    });
    return value;
  }
}

/** zod's message for a missing value, in an admin's words. */
function readable(message: string): string {
  return /received undefined$/.test(message) ? 'required, but blank' : message;
}

function typePath(type: PolicyMetadataType): string {
  const paths: Record<PolicyMetadataType, string> = {
    Callwise_Setting__mdt: '',
    Callwise_Queue__mdt: 'queues',
    Callwise_Agent__mdt: 'agents',
    Callwise_Intent__mdt: 'intents',
    Callwise_Value_Weight__mdt: 'value',
    Callwise_Value_Tier__mdt: 'value.tiers',
    Callwise_Routing_Rule__mdt: 'rules',
  };
  return paths[type];
}

function orderOf(record: MetadataRecord): number {
  const order = Number(record.Order__c ?? Number.NaN);
  return Number.isFinite(order) ? order : Number.MAX_SAFE_INTEGER;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}
