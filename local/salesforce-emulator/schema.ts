import { CALL_TASK_FIELDS } from '../../functions/src/domain/outcome/call-task-fields';

/**
 * What the emulator knows about fields. Declared objects reject unknown fields (INVALID_FIELD); every
 * other object is schema-light and accepts any field. Rows added with `insert` widen the declared set.
 */
interface ObjectSchema {
  fields: string[];
  readOnly: string[];
  createOnly: string[];
  /** Unique external ID fields, enforced on API writes. */
  unique: string[];
}

const SYSTEM = ['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];
const OWNED = [...SYSTEM, 'OwnerId', 'Name'];

const DECLARED: Record<string, ObjectSchema> = {
  Account: {
    fields: [
      ...OWNED,
      'Type',
      'Industry',
      'AnnualRevenue',
      'NumberOfEmployees',
      'Phone',
      'Fax',
      'Website',
      'BillingCity',
      'BillingState',
      'BillingCountry',
      'ParentId',
      'Rating',
      'AccountNumber',
      'Description',
      'IsPersonAccount',
      'FirstName',
      'LastName',
      'PersonContactId',
      'PersonEmail',
      'PersonMobilePhone',
      'PersonHomePhone',
      'PersonOtherPhone',
      'PersonAssistantPhone',
      'Callwise_Tier__c',
      'Callwise_Overdue_Invoice__c',
    ],
    readOnly: [...SYSTEM, 'IsPersonAccount', 'PersonContactId'],
    createOnly: [],
    unique: [],
  },
  Contact: {
    fields: [
      ...OWNED,
      'AccountId',
      'FirstName',
      'LastName',
      'Salutation',
      'Title',
      'Email',
      'Phone',
      'MobilePhone',
      'HomePhone',
      'OtherPhone',
      'AssistantPhone',
      'Department',
      'LeadSource',
      'MailingCity',
      'MailingCountry',
      'IsPersonAccount',
      'Description',
    ],
    readOnly: [...SYSTEM, 'Name', 'IsPersonAccount'],
    createOnly: [],
    unique: [],
  },
  Lead: {
    fields: [
      ...OWNED,
      'FirstName',
      'LastName',
      'Company',
      'Title',
      'Email',
      'Phone',
      'MobilePhone',
      'Status',
      'IsConverted',
      'ConvertedAccountId',
      'ConvertedContactId',
      'ConvertedOpportunityId',
      'ConvertedDate',
      'LeadSource',
      'Industry',
      'Rating',
      'Description',
    ],
    readOnly: [...SYSTEM, 'Name', 'IsConverted', 'ConvertedAccountId', 'ConvertedContactId', 'ConvertedOpportunityId', 'ConvertedDate'],
    createOnly: [],
    unique: [],
  },
  Case: {
    fields: [
      ...SYSTEM,
      'OwnerId',
      'CaseNumber',
      'Subject',
      'Description',
      'Status',
      'IsClosed',
      'ClosedDate',
      'Priority',
      'Origin',
      'Type',
      'Reason',
      'ContactId',
      'AccountId',
      'IsEscalated',
    ],
    readOnly: [...SYSTEM, 'CaseNumber', 'IsClosed', 'ClosedDate'],
    createOnly: [],
    unique: [],
  },
  Opportunity: {
    fields: [
      ...OWNED,
      'AccountId',
      'StageName',
      'IsClosed',
      'IsWon',
      'Amount',
      'Probability',
      'CloseDate',
      'Type',
      'LeadSource',
      'ForecastCategoryName',
      'NextStep',
      'Description',
    ],
    readOnly: [...SYSTEM, 'IsClosed', 'IsWon'],
    createOnly: [],
    unique: [],
  },
  User: {
    fields: [
      ...SYSTEM,
      'Name',
      'FirstName',
      'LastName',
      'Username',
      'Email',
      'Alias',
      'IsActive',
      'Title',
      'Department',
      'UserRoleId',
      'ProfileId',
      'ManagerId',
      'CallCenterId',
      'FederationIdentifier',
    ],
    readOnly: [...SYSTEM, 'Name'],
    createOnly: [],
    unique: ['Username'],
  },
  Task: {
    fields: [
      ...SYSTEM,
      'OwnerId',
      'Subject',
      'Status',
      'Priority',
      'ActivityDate',
      'Description',
      'WhoId',
      'WhatId',
      'AccountId',
      'Type',
      'TaskSubtype',
      'IsClosed',
      'IsHighPriority',
      'CompletedDateTime',
      'CallObject',
      'CallType',
      'CallDurationInSeconds',
      'CallDisposition',
      'IsReminderSet',
      'ReminderDateTime',
      'IsRecurrence',
      'RecordTypeId',
      ...CALL_TASK_FIELDS.map((f) => f.apiName),
    ],
    readOnly: [...SYSTEM, 'AccountId', 'IsClosed', 'CompletedDateTime'],
    createOnly: ['TaskSubtype'],
    unique: CALL_TASK_FIELDS.filter((f) => 'unique' in f && f.unique).map((f) => f.apiName),
  },
};

const CHECKBOXES: Record<string, string[]> = {
  Account: ['IsDeleted', 'IsPersonAccount', 'Callwise_Overdue_Invoice__c'],
  Contact: ['IsDeleted'],
  Lead: ['IsDeleted', 'IsConverted'],
  Case: ['IsDeleted', 'IsClosed', 'IsEscalated'],
  Opportunity: ['IsDeleted', 'IsClosed', 'IsWon'],
  User: ['IsDeleted', 'IsActive'],
  Task: [
    'IsDeleted',
    'IsClosed',
    'IsHighPriority',
    'IsReminderSet',
    'IsRecurrence',
    ...CALL_TASK_FIELDS.filter((f) => f.type === 'Checkbox').map((f) => f.apiName),
  ],
};

/** Fields that exist only in orgs with Person Accounts enabled. */
const PERSON_ACCOUNT_FIELDS: Record<string, string[]> = {
  Account: [
    'IsPersonAccount',
    'FirstName',
    'LastName',
    'PersonContactId',
    'PersonEmail',
    'PersonMobilePhone',
    'PersonHomePhone',
    'PersonOtherPhone',
    'PersonAssistantPhone',
  ],
  Contact: ['IsPersonAccount'],
};

export class Schemas {
  private readonly known = new Map<string, Map<string, string>>();
  private readonly absent: Record<string, string[]>;

  constructor(readonly personAccounts = true) {
    this.absent = personAccounts ? {} : PERSON_ACCOUNT_FIELDS;
    for (const [sobject, schema] of Object.entries(DECLARED)) this.widen(sobject, schema.fields);
  }

  declared(): string[] {
    return Object.keys(DECLARED);
  }

  isDeclared(sobject: string): boolean {
    return sobject in DECLARED;
  }

  /** Adds field names (as rows inserted through the emulator carry them). */
  widen(sobject: string, fields: Iterable<string>): void {
    let map = this.known.get(sobject);
    if (!map) {
      map = new Map(SYSTEM.map((f) => [f.toLowerCase(), f]));
      this.known.set(sobject, map);
    }
    const absent = this.absent[sobject] ?? [];
    for (const f of fields) if (f !== 'attributes' && !absent.includes(f) && !map.has(f.toLowerCase())) map.set(f.toLowerCase(), f);
  }

  /** The canonical spelling of a field, or undefined when a declared object has no such field. */
  canonical(sobject: string, field: string): string | undefined {
    const found = this.known.get(sobject)?.get(field.toLowerCase());
    if (found) return found;
    return this.isDeclared(sobject) ? undefined : field;
  }

  readOnly(sobject: string): readonly string[] {
    return DECLARED[sobject]?.readOnly ?? SYSTEM;
  }

  createOnly(sobject: string): readonly string[] {
    return DECLARED[sobject]?.createOnly ?? [];
  }

  unique(sobject: string): readonly string[] {
    return DECLARED[sobject]?.unique ?? [];
  }

  /** Checkbox fields of a declared object: never null in Salesforce, false unless set. */
  checkboxes(sobject: string): readonly string[] {
    return CHECKBOXES[sobject] ?? [];
  }

  fields(sobject: string): string[] {
    return [...(this.known.get(sobject)?.values() ?? [])];
  }
}

/** Canonical sObject names are case-insensitive in the API. */
export function canonicalSObject(name: string, existing: Iterable<string>): string {
  const lower = name.toLowerCase();
  for (const s of [...Object.keys(DECLARED), ...existing]) if (s.toLowerCase() === lower) return s;
  return name;
}
