import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/**
 * Call lists and reports count the same calls. A Callwise call is a Task with a Connect Contact ID
 * (the idempotency key Callwise writes on every call it logs): the Apex controllers behind Call History
 * and Call Insights select exactly that, and every report filters on exactly that. Conditions that
 * narrow to a record or a date range (bind variables, the report's time frame) are scoping, not the
 * definition, and are left out of the comparison.
 */
const SOURCE = join(__dirname, '../../crm-package/force-app/main/default');
const CALLWISE_CALL = ['Callwise_Contact_Id__c != NULL'];
// Coaching views and handling reports narrow to the calls that have a handling score, on both sides alike.
const SCORED_CALL = [...CALLWISE_CALL, 'Callwise_Handling_Score__c != NULL'];
const DEFINITIONS = [CALLWISE_CALL, SCORED_CALL].map((d) => d.join(' AND '));

/** Top-level AND terms of a WHERE clause, without those that depend on a bind variable. */
function definingConditions(where: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let term = '';
  for (const word of where.replace(/([()])/g, ' $1 ').split(/\s+/).filter(Boolean)) {
    if (word === '(') depth += 1;
    if (word === ')') depth -= 1;
    if (depth === 0 && word.toUpperCase() === 'AND') {
      terms.push(term.trim());
      term = '';
    } else term += ` ${word}`;
  }
  terms.push(term.trim());
  return terms.filter((t) => !t.includes(':')).map((t) => t.replace(/\s+/g, ' ').replace(/\bnull\b/gi, 'NULL'));
}

/** The WHERE clause of each Task query in an Apex class (static SOQL or a query string). */
function taskQueryFilters(apex: string): string[] {
  const text = apex.replace(/'\s*\+\s*'/g, ' ').replace(/\\'/g, "'");
  return [...text.matchAll(/FROM\s+Task\s+WHERE\s+([\s\S]*?)\s+(?=WITH\b|GROUP BY\b|ORDER BY\b|LIMIT\b)/g)].map((m) => m[1]!.replace(/\s+/g, ' '));
}

interface Criterion {
  column: string;
  operator: string;
  value?: string;
}
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'criteriaItems' });

/** A report's filter as the SOQL condition it stands for (notEqual to blank on a field is != NULL). */
function reportConditions(xml: string): string[] {
  const report = (parser.parse(xml) as { Report: { filter?: { criteriaItems: Criterion[]; booleanFilter?: string } } }).Report;
  expect(report.filter?.booleanFilter).toBeUndefined();
  return (report.filter?.criteriaItems ?? []).map(({ column, operator, value }) => {
    const field = column.replace(/^Activity\./, '');
    if (operator === 'notEqual' && !value) return `${field} != NULL`;
    return `${field} ${operator} ${value ?? ''}`;
  });
}

const CONTROLLERS = ['CallHistoryController', 'CallInsightsController', 'CoachingController'];
const definitionOf = (conditions: string[]) => conditions.join(' AND ');
const REPORTS = readdirSync(join(SOURCE, 'reports/Callwise'));

describe('what a Callwise call is', () => {
  const apexDefinitions = CONTROLLERS.flatMap((name) => taskQueryFilters(readFileSync(join(SOURCE, 'classes', `${name}.cls`), 'utf8')).map((w) => definitionOf(definingConditions(w))));
  const reportDefinitions = REPORTS.map((file) => definitionOf(reportConditions(readFileSync(join(SOURCE, 'reports/Callwise', file), 'utf8'))));

  it.each(CONTROLLERS)('%s selects Tasks with a Connect Contact ID (scored ones for coaching), nothing else', (name) => {
    const filters = taskQueryFilters(readFileSync(join(SOURCE, 'classes', `${name}.cls`), 'utf8'));

    expect(filters.length).toBeGreaterThan(0);
    for (const where of filters) expect(DEFINITIONS).toContain(definitionOf(definingConditions(where)));
  });

  it.each(REPORTS)('%s filters on one of the same definitions', (file) => {
    expect(DEFINITIONS).toContain(definitionOf(reportConditions(readFileSync(join(SOURCE, 'reports/Callwise', file), 'utf8'))));
  });

  it('every definition a list uses is one a report uses, and the other way round', () => {
    expect([...new Set(apexDefinitions)].sort()).toEqual([...new Set(reportDefinitions)].sort());
  });

  it('the Task queries the package holds are the controllers’ (a new one joins this check)', () => {
    const classes = readdirSync(join(SOURCE, 'classes')).filter((f) => f.endsWith('.cls') && !/_Tests\.cls$|^TestFactory\.cls$/.test(f));
    const querying = classes.filter((f) => taskQueryFilters(readFileSync(join(SOURCE, 'classes', f), 'utf8')).length > 0).map((f) => f.replace('.cls', ''));

    expect(querying.sort()).toEqual(CONTROLLERS);
  });

  it.each([
    ["TaskSubtype = 'Call' AND (WhoId = :recordId OR WhatId = :recordId)", ["TaskSubtype = 'Call'"]],
    ["Callwise_Contact_Id__c != null AND TaskSubtype = 'Call' AND ActivityDate >= :fromDate", ['Callwise_Contact_Id__c != NULL', "TaskSubtype = 'Call'"]],
  ])('tells a different definition apart: %s', (where, conditions) => {
    expect(definingConditions(where)).toEqual(conditions);
  });

  it('reads the query text of static SOQL and of a query string', () => {
    const apex = "rows = [SELECT Id FROM Task WHERE A = 'x' AND B = :b WITH USER_MODE];\nString q = 'SELECT Id FROM Task WHERE C = \\'y\\' ' +\n  'AND D = 1 GROUP BY E';";

    expect(taskQueryFilters(apex)).toEqual(["A = 'x' AND B = :b", "C = 'y' AND D = 1"]);
  });
});
