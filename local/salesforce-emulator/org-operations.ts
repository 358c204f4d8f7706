import { INTEGRATION_USER_ID } from './auth';
import type { ChangeEventBus, ChangeNote } from './change-events';
import type { RecordStore, Row } from './store';

/**
 * Operations the REST API does not offer but an org sees every day, each one transaction with its change events:
 * a merge (Apex Developer Guide, "Triggers and Merge Statements": the losing records are deleted, children move to
 * the winner, then the winner is updated), a lead conversion (an Account, a Contact and an Opportunity created, the
 * Lead marked converted; Object Reference, "Lead") and an undelete. Changes made by a user in the UI: changeOrigin
 * is empty. Children moved by a merge get a new SystemModstamp but no change event (the docs found do not say they
 * publish one; consumers must not rely on it).
 */

/** Children a merge moves to the winner, by the merged object. */
const MERGE_CHILDREN: Record<string, Array<[string, string]>> = {
  Contact: [
    ['Case', 'ContactId'],
    ['Task', 'WhoId'],
  ],
  Account: [
    ['Contact', 'AccountId'],
    ['Case', 'AccountId'],
    ['Opportunity', 'AccountId'],
    ['Task', 'WhatId'],
  ],
  Lead: [['Task', 'WhoId']],
};

export interface ConvertedLead {
  accountId: string;
  contactId: string;
  opportunityId?: string;
}

export class OrgOperations {
  constructor(
    private readonly store: RecordStore,
    private readonly changes: ChangeEventBus,
  ) {}

  merge(winnerId: string, loserIds: string[], winnerChanges: Row = {}): void {
    const winner = this.store.get(winnerId);
    if (!winner) throw new RangeError(`merge: no record ${winnerId}`);
    const losers = loserIds.map((id) => this.store.get(id));
    if (losers.some((l) => l?.sobject !== winner.sobject)) throw new RangeError(`merge: every losing record must be an existing ${winner.sobject}`);
    const notes: ChangeNote[] = [];
    for (const loser of losers) {
      const id = String(loser!.row.Id);
      for (const [child, field] of MERGE_CHILDREN[winner.sobject] ?? []) {
        for (const row of this.store.rows(child).filter((r) => r[field] === id)) this.store.update(child, String(row.Id), { [field]: winnerId });
      }
      this.store.delete(id);
      notes.push({ changeType: 'DELETE', sobject: winner.sobject, id });
    }
    const before = this.store.get(winnerId)!.row;
    const after = this.store.update(winner.sobject, winnerId, { ...winnerChanges, LastModifiedById: INTEGRATION_USER_ID });
    notes.push({ changeType: 'UPDATE', sobject: winner.sobject, id: winnerId, before, after });
    this.changes.commit(notes, '');
  }

  convertLead(leadId: string, options: { createOpportunity?: boolean } = {}): ConvertedLead {
    const found = this.store.get(leadId);
    if (!found || found.sobject !== 'Lead') throw new RangeError(`convertLead: no Lead ${leadId}`);
    const lead = found.row;
    if (lead.IsConverted === true) throw new RangeError(`convertLead: Lead ${leadId} is already converted`);
    const owner = { OwnerId: lead.OwnerId ?? INTEGRATION_USER_ID, CreatedById: INTEGRATION_USER_ID, LastModifiedById: INTEGRATION_USER_ID };
    const notes: ChangeNote[] = [];
    const create = (sobject: string, fields: Row): string => {
      const [id = ''] = this.store.insert(sobject, [{ ...owner, ...fields }]);
      notes.push({ changeType: 'CREATE', sobject, id, after: this.store.get(id)!.row });
      return id;
    };
    const company = typeof lead.Company === 'string' && lead.Company ? lead.Company : String(lead.Name ?? '');
    const accountId = create('Account', { Name: company, Phone: lead.Phone ?? null, Industry: lead.Industry ?? null });
    const contactId = create('Contact', {
      AccountId: accountId,
      FirstName: lead.FirstName ?? null,
      LastName: lead.LastName,
      Title: lead.Title ?? null,
      Email: lead.Email ?? null,
      Phone: lead.Phone ?? null,
      MobilePhone: lead.MobilePhone ?? null,
      LeadSource: lead.LeadSource ?? null,
    });
    const day = String(this.store.get(contactId)!.row.CreatedDate).slice(0, 10);
    const opportunityId =
      options.createOpportunity === false
        ? undefined
        : create('Opportunity', {
            AccountId: accountId,
            Name: `${company}-`,
            StageName: 'Prospecting',
            CloseDate: addDays(day, 30),
            LeadSource: lead.LeadSource ?? null,
          });
    const converted = {
      Status: 'Closed - Converted',
      IsConverted: true,
      ConvertedAccountId: accountId,
      ConvertedContactId: contactId,
      ConvertedOpportunityId: opportunityId ?? null,
      ConvertedDate: day,
      LastModifiedById: INTEGRATION_USER_ID,
    };
    const after = this.store.update('Lead', leadId, converted);
    notes.push({ changeType: 'UPDATE', sobject: 'Lead', id: leadId, before: lead, after });
    this.changes.commit(notes, '');
    return { accountId, contactId, ...(opportunityId ? { opportunityId } : {}) };
  }

  undelete(ids: string[]): void {
    const notes: ChangeNote[] = [];
    for (const id of ids) {
      const restored = this.store.undelete(id);
      if (!restored) throw new RangeError(`undelete: ${id} is not in the recycle bin`);
      notes.push({ changeType: 'UNDELETE', sobject: restored.sobject, id, after: restored.row });
    }
    this.changes.commit(notes, '');
  }
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
