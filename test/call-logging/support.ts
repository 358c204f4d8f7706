import { readFileSync } from 'node:fs';
import { seededShuffle } from '../../local/synthetic/mulberry32';
import { join } from 'node:path';
import type { ConnectContactEvent } from '../../functions/src/adapters/connect/contact-event';
import type { ContactDetails } from '../../functions/src/domain/outcome/outcome';
import type { RoutingDecision } from '../../functions/src/domain/routing/routing-decision';

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
export const shuffle = <T>(items: T[], seed = 42): T[] => seededShuffle(items, seed);
