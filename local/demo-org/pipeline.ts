import { recordId } from '../salesforce-emulator/ids';
import { CASE_OPEN_STATUSES, CASE_ORIGINS, CASE_PRIORITIES, CASE_SUBJECTS, OPPORTUNITY_STAGES, OPPORTUNITY_TYPES } from './names';
import type { Row, WorldTools } from './people';

/** Cases (open and closed) and Opportunities (every standard stage), dated relative to today. */

export function buildCases(tools: WorldTools, contacts: Row[], personAccounts: Row[], count: number): Row[] {
  const { random } = tools;
  return Array.from({ length: count }, (_, i) => {
    const person = personAccounts.length > 0 && random.chance(0.08) ? random.pick(personAccounts) : undefined;
    const contact = person ? undefined : random.pick(contacts);
    const open = random.chance(0.35);
    const ageDays = open ? random.int(0, 30) : random.int(3, 365);
    const status = open ? random.pick(CASE_OPEN_STATUSES) : 'Closed';
    return {
      Id: recordId('500', i + 1),
      CaseNumber: String(1001 + i).padStart(8, '0'),
      Subject: random.pick(CASE_SUBJECTS),
      Status: status,
      IsClosed: !open,
      Priority: random.pick(CASE_PRIORITIES),
      Origin: random.pick(CASE_ORIGINS),
      ContactId: contact?.Id ?? person?.PersonContactId ?? null,
      AccountId: contact?.AccountId ?? person?.Id ?? null,
      OwnerId: contact?.OwnerId ?? person?.OwnerId,
      IsEscalated: status === 'Escalated',
      CreatedDate: tools.daysAgo(ageDays + random.next()),
      ClosedDate: open ? null : tools.daysAgo(Math.max(0, ageDays - random.int(0, 3))),
    };
  });
}

export function buildOpportunities(tools: WorldTools, accounts: Row[], perStage: number): Row[] {
  const { random } = tools;
  const rows: Row[] = [];
  for (const [stage, probability] of OPPORTUNITY_STAGES) {
    for (let k = 0; k < perStage; k++) {
      const account = random.pick(accounts);
      const closed = stage.startsWith('Closed');
      const type = k % 5 === 0 ? 'Renewal' : random.pick(OPPORTUNITY_TYPES);
      rows.push({
        Id: recordId('006', rows.length + 1),
        Name: `${String(account.Name)} - ${type}`,
        AccountId: account.Id,
        OwnerId: account.OwnerId,
        StageName: stage,
        Probability: probability,
        IsClosed: closed,
        IsWon: stage === 'Closed Won',
        Amount: random.int(5, 500) * 1000,
        Type: type,
        CloseDate: tools.date(closed ? -random.int(1, 300) : random.int(0, 120)),
        ForecastCategoryName: closed ? (stage === 'Closed Won' ? 'Closed' : 'Omitted') : probability >= 70 ? 'Commit' : 'Pipeline',
        CreatedDate: tools.daysAgo(random.int(closed ? 60 : 5, 400)),
      });
    }
  }
  return rows;
}
