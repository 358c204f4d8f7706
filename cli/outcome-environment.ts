import type { CallLoggingDeps } from '../functions/src/call-logging/call-log-sync';
import type { ContactDetails } from '../functions/src/domain/outcome/outcome';
import type { RoutingDecision } from '../functions/src/domain/routing/routing-decision';

/** What `callwise outcome` and `callwise dlq` run against: the handlers' dependencies, seeded and inspectable. */
export interface OutcomeEnvironment {
  deps: CallLoggingDeps;
  /** Stores the routing decisions and DescribeContact answers a fixture carries. */
  seed(input: { decisions?: RoutingDecision[]; describeContact?: Record<string, ContactDetails> }): Promise<void>;
  /** The Call Tasks Salesforce holds for these contacts. */
  tasks(contactIds: string[]): Promise<Array<Record<string, unknown>>>;
  salesforceRequests(): number;
  close(): Promise<void>;
}

export type OpenOutcomeEnvironment = () => Promise<OutcomeEnvironment>;

/** Default dead-letter file for local runs (override with CALLWISE_DLQ_FILE). */
export function localDeadLetterFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.CALLWISE_DLQ_FILE ?? '.callwise/dead-letters.json';
}
