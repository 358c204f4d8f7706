import { performance } from 'node:perf_hooks';
import { mapLimit } from '../functions/src/platform/rate-limiter';
import { routeCall, type RouteCallResult } from '../functions/src/routing/route-call';
import type { LocalEnvironment } from '../local/environment';
import { contactFlowEvent } from '../local/demo/contact-flow-event';

/** One routed call as the benchmark saw it: the result and the wall time around routeCall. */
export interface TimedCall {
  result: RouteCallResult;
  wallMs: number;
}

let nextContact = 1;

/** Routes one inbound voice call from `phoneE164` (IVR choice 2) and times it. */
export async function routeOne(env: LocalEnvironment, phoneE164: string): Promise<TimedCall> {
  const event = contactFlowEvent({
    contactId: `bench-${String(nextContact++).padStart(8, '0')}`,
    customerNumber: phoneE164,
    dialledNumber: '+18005550199',
    ivrChoice: '2',
  });
  const started = performance.now();
  const result = await routeCall(event, env.deps);
  return { result, wallMs: performance.now() - started };
}

/** Routes calls from these numbers, at most `concurrency` at a time, in order of start. */
export function routeMany(env: LocalEnvironment, numbers: readonly string[], concurrency: number): Promise<TimedCall[]> {
  return mapLimit(numbers, concurrency, (number) => routeOne(env, number));
}
