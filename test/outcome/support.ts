import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectContactEvent } from '../../functions/src/adapters/connect/contact-event';
import type { ContactDetails } from '../../functions/src/domain/outcome';
import type { RoutingDecision } from '../../functions/src/domain/routing-decision';

export interface ContactEventFixture {
  events: ConnectContactEvent[];
  describeContact: Record<string, ContactDetails>;
  decisions: RoutingDecision[];
}

export const FIXTURES = join(__dirname, '..', 'fixtures');

export function loadFixture(name: string): ContactEventFixture {
  return JSON.parse(readFileSync(join(FIXTURES, 'contact-events', `${name}.json`), 'utf8'));
}

export function loadAnalysis(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, 'contact-lens', `${name}.json`), 'utf8'));
}

/** Deterministic shuffle (mulberry32), so failures reproduce. */
export function shuffle<T>(items: T[], seed = 42): T[] {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
