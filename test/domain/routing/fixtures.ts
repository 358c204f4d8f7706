import defaultPolicyJson from '../../../config/default-policy.json';
import { type CallerProfile, CallerProfileSchema, type PastCall } from '../../../functions/src/domain/routing/caller-profile';
import { type RoutingPolicy, RoutingPolicySchema } from '../../../functions/src/domain/policy/policy';
import type { CallFacts } from '../../../functions/src/domain/routing/routing-decision';

/** Shared fixtures for the routing tests: the default policy, events, facts and caller profiles. */

export const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance';
export const queueArn = (name: string) => `${INSTANCE}/queue/${name}`;
export const agentId = (n: number) => `agent-0${String(n).padStart(2, '0')}`;
export const agentArn = (n: number) => `${INSTANCE}/agent/${agentId(n)}`;
export const userId = (n: number) => `005Dm0000000${String(n).padStart(3, '0')}AAA`;

export const policy: RoutingPolicy = RoutingPolicySchema.parse(defaultPolicyJson);

/** Tuesday 24 November 2026, 10:00 in New York: business hours. */
export const TUESDAY_10AM = new Date('2026-11-24T15:00:00Z');
/** Tuesday 24 November 2026, 20:00 in New York: after hours. */
export const TUESDAY_8PM = new Date('2026-11-25T01:00:00Z');

export const CONTACT_ID = '6f1c2b7e-1111-4a4a-9c9c-123456789abc';
export const CALLER = '+14155550123';

export function facts(overrides: Partial<CallFacts> = {}): CallFacts {
  return {
    contactId: CONTACT_ID,
    channel: 'VOICE',
    initiationMethod: 'INBOUND',
    customerNumber: CALLER,
    customerNumberStatus: 'valid',
    dialledNumber: '+18005550199',
    ivrChoice: '',
    lexIntent: '',
    ...overrides,
  };
}

/** A real-shaped Connect ContactFlowEvent (as in the AWS docs), with contact data overrides. */
export function contactFlowEvent(contactData: Record<string, unknown> = {}, parameters: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: {},
        AwsRegion: 'us-east-1',
        Channel: 'VOICE',
        ContactId: CONTACT_ID,
        CustomerEndpoint: { Address: CALLER, Type: 'TELEPHONE_NUMBER' },
        CustomerId: null,
        Description: null,
        InitialContactId: CONTACT_ID,
        InitiationMethod: 'INBOUND',
        InstanceARN: INSTANCE,
        LanguageCode: 'en-US',
        MediaStreams: { Customer: { Audio: null } },
        Name: null,
        PreviousContactId: CONTACT_ID,
        Queue: null,
        References: {},
        RelatedContactId: null,
        SystemEndpoint: { Address: '+18005550100', Type: 'TELEPHONE_NUMBER' },
        ...contactData,
      },
      Parameters: parameters,
    },
  };
}

/** A known caller: a Contact of an Account, built through the real schema (defaults filled). */
export function knownProfile(input: Record<string, unknown> = {}): CallerProfile {
  return CallerProfileSchema.parse({
    phoneE164: CALLER,
    known: true,
    matchCount: 1,
    record: { id: '003Dm0000000001AAA', type: 'Contact', name: 'Pat Lee', ownerId: userId(3) },
    account: { id: '001Dm0000000001AAA', name: 'Acme Corp', tier: 'Silver', annualRevenue: 0, ownerId: userId(4) },
    fetchedAt: '2026-11-24T14:00:00Z',
    ...input,
  });
}

export const opportunity = (fields: Record<string, unknown>) => ({
  id: '006Dm0000000001AAA',
  name: 'Acme expansion',
  stageName: 'Prospecting',
  amount: 0,
  closeDate: '2027-03-31',
  type: 'New Business',
  ...fields,
});

export function pastCall(hoursAgo: number, fields: Partial<PastCall> = {}, now = TUESDAY_10AM): PastCall {
  return {
    contactId: `past-${hoursAgo}`,
    at: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(),
    intent: 'support',
    queueName: 'Support',
    agentId: '',
    ...fields,
  };
}
