import { pct } from './stats';

/**
 * The demo's "call handling" section, read from the Call Tasks Salesforce holds: score distribution,
 * pass rate per step, the weakest step per team (queue), and how outcomes differ by score.
 */
const STEPS = [
  ['Callwise_Step_Greeting__c', 'greeting'],
  ['Callwise_Step_Verification__c', 'verification'],
  ['Callwise_Step_Needs__c', 'needs assessment'],
  ['Callwise_Step_Resolution__c', 'resolution'],
  ['Callwise_Step_Summary__c', 'summary'],
  ['Callwise_Step_Documentation__c', 'documentation'],
] as const;
const BANDS = [
  [85, '85–100'],
  [70, '70–84'],
  [50, '50–69'],
  [0, '0–49'],
] as const;

type Task = Record<string, unknown>;

function passRate(tasks: Task[], field: string): { rate: number; calls: number } {
  const judged = tasks.filter((t) => t[field] === 'Passed' || t[field] === 'Missed');
  return { rate: judged.length ? judged.filter((t) => t[field] === 'Passed').length / judged.length : NaN, calls: judged.length };
}

const rate = (tasks: Task[], field: string) => (tasks.length ? `${Math.round((100 * tasks.filter((t) => t[field] === true).length) / tasks.length)}%` : '—');

export function handlingReportLines(tasks: Task[]): string[] {
  const scored = tasks.filter((t) => typeof t.Callwise_Handling_Score__c === 'number');
  const notScored = tasks.filter((t) => typeof t.Callwise_Handling_Status__c === 'string' && t.Callwise_Handling_Status__c.startsWith('Not scored'));
  if (!scored.length) return ['Call handling', '  no scored calls'];
  const score = (t: Task) => t.Callwise_Handling_Score__c as number;
  const band = (t: Task) => BANDS.find(([min]) => score(t) >= min)![1];
  const teams = [...new Set(scored.map((t) => String(t.Callwise_Queue__c ?? 'unknown')))].sort();
  const weakest = (team: Task[]) =>
    STEPS.map(([f, label]) => ({ label, ...passRate(team, f) }))
      .filter((s) => s.calls > 0)
      .sort((a, b) => a.rate - b.rate)[0];
  const high = scored.filter((t) => score(t) >= 70);
  const low = scored.filter((t) => score(t) < 70);
  const csat = (ts: Task[]) => {
    const rated = ts.filter((t) => typeof t.Callwise_CSAT__c === 'number');
    return rated.length ? (rated.reduce((n, t) => n + (t.Callwise_CSAT__c as number), 0) / rated.length).toFixed(2) : '—';
  };
  return [
    'Call handling (scored against the handling standard)',
    `  scored / not scored        ${scored.length} / ${notScored.length}; average score ${(scored.reduce((n, t) => n + score(t), 0) / scored.length).toFixed(1)}`,
    ...BANDS.map(([, label]) => `  score ${label.padEnd(20)} ${pct(scored.filter((t) => band(t) === label).length, scored.length)}`),
    ...STEPS.map(([field, label]) => {
      const r = passRate(scored, field);
      return `  pass rate: ${label.padEnd(16)} ${Number.isNaN(r.rate) ? '—' : `${(r.rate * 100).toFixed(1)}%`} of ${r.calls} calls`;
    }),
    ...teams.map((team) => {
      const w = weakest(scored.filter((t) => String(t.Callwise_Queue__c ?? 'unknown') === team));
      return `  weakest step, ${team.padEnd(12)} ${w ? `${w.label} (${(w.rate * 100).toFixed(0)}% pass, ${w.calls} calls)` : '—'}`;
    }),
    `  score ≥ 70 vs < 70         FCR ${rate(high, 'Callwise_First_Call_Resolution__c')} vs ${rate(low, 'Callwise_First_Call_Resolution__c')}, CSAT ${csat(high)} vs ${csat(low)} (${high.length} vs ${low.length} calls)`,
  ];
}
