/**
 * A small typed subset of the Amazon Connect flow language (Version 2019-10-30), enough to build
 * flows in TypeScript and check their wiring before Connect sees them.
 */
export interface FlowCondition {
  NextAction: string;
  Condition: { Operator: 'Equals' | 'StartsWith' | 'NumberLessOrEqualTo'; Operands: string[] };
}

export interface FlowError {
  NextAction: string;
  ErrorType: 'NoMatchingError' | 'NoMatchingCondition' | 'InputTimeLimitExceeded' | 'QueueAtCapacity';
}

export interface FlowAction {
  Identifier: string;
  Type: string;
  Parameters: Record<string, unknown>;
  Transitions: { NextAction?: string; Conditions?: FlowCondition[]; Errors?: FlowError[] };
}

export interface ContactFlowContent {
  Version: '2019-10-30';
  StartAction: string;
  Actions: FlowAction[];
}

/** Actions that end a contact's path through the flow (no transition required). */
const TERMINAL = new Set(['DisconnectParticipant', 'EndFlowExecution']);

export function action(Identifier: string, Type: string, Parameters: Record<string, unknown>, Transitions: FlowAction['Transitions'] = {}): FlowAction {
  return { Identifier, Type, Parameters, Transitions };
}

/** Every action this one can lead to (next, conditions, errors). */
export function successors(a: FlowAction): string[] {
  const t = a.Transitions;
  return [...(t.NextAction ? [t.NextAction] : []), ...(t.Conditions ?? []).map((c) => c.NextAction), ...(t.Errors ?? []).map((e) => e.NextAction)];
}

/** Wiring problems: duplicate ids, transitions to missing actions, unreachable or dead-end actions. */
export function flowProblems(flow: ContactFlowContent): string[] {
  const problems: string[] = [];
  const ids = new Map<string, FlowAction>();
  for (const a of flow.Actions) {
    if (ids.has(a.Identifier)) problems.push(`duplicate action ${a.Identifier}`);
    ids.set(a.Identifier, a);
  }
  if (!ids.has(flow.StartAction)) problems.push(`StartAction ${flow.StartAction} does not exist`);
  for (const a of flow.Actions) {
    for (const next of successors(a)) if (!ids.has(next)) problems.push(`${a.Identifier} leads to missing action ${next}`);
    if (!TERMINAL.has(a.Type) && successors(a).length === 0) problems.push(`${a.Identifier} (${a.Type}) leads nowhere`);
  }
  const reached = new Set<string>();
  const pending = [flow.StartAction];
  while (pending.length) {
    const id = pending.pop()!;
    if (reached.has(id) || !ids.has(id)) continue;
    reached.add(id);
    pending.push(...successors(ids.get(id)!));
  }
  for (const a of flow.Actions) if (!reached.has(a.Identifier)) problems.push(`${a.Identifier} is never reached`);
  return problems;
}

export class InvalidContactFlowError extends Error {
  constructor(name: string, problems: string[]) {
    super(`Contact flow "${name}" is miswired: ${problems.join('; ')}`);
    this.name = 'InvalidContactFlowError';
  }
}

/** The `$.External.<key>` values (route-call outputs) a flow reads. */
export function externalKeysRead(flow: ContactFlowContent): string[] {
  return [...new Set([...JSON.stringify(flow).matchAll(/\$\.External\.([A-Za-z0-9_]+)/g)].map((m) => m[1]!))].sort();
}
