import { z } from 'zod';
import { isAnonymousNumber, toE164 } from '../../domain/routing/phone';
import type { CallFacts, Channel, CustomerNumberStatus } from '../../domain/routing/routing-decision';

/**
 * Parses the event Amazon Connect sends when a contact flow invokes a Lambda (Name 'ContactFlowEvent')
 * into CallFacts. Unknown fields are tolerated, as Connect adds fields over time. Error messages name
 * the path and what was expected, never the value (it could be a phone number or a name).
 */

const CHANNELS: readonly Channel[] = ['VOICE', 'CHAT', 'TASK', 'EMAIL'];
/** Connect ContactIds are UUIDs; anything else that looks like an id is accepted, nothing that could carry text. */
const CONTACT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MAX_IVR_CHOICE = 20;
const MAX_LEX_INTENT = 100;

const endpointSchema = z.looseObject({ Address: z.string().nullish(), Type: z.string().nullish() }).nullish();
const stringMap = z.record(z.string(), z.unknown()).nullish();

const contactFlowEventSchema = z.looseObject({
  Name: z.literal('ContactFlowEvent').optional(),
  Details: z.looseObject({
    ContactData: z.looseObject({
      ContactId: z.string().regex(CONTACT_ID),
      Channel: z.string().nullish(),
      InitiationMethod: z.string().nullish(),
      CustomerEndpoint: endpointSchema,
      SystemEndpoint: endpointSchema,
      Attributes: stringMap,
    }),
    Parameters: stringMap,
  }),
});

type Endpoint = z.infer<typeof endpointSchema>;

export type ParsedContactFlowEvent = { ok: true; facts: CallFacts } | { ok: false; error: string; contactId: string };

export function parseContactFlowEvent(raw: unknown, defaultCountry: string): ParsedContactFlowEvent {
  const parsed = contactFlowEventSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error.issues), contactId: contactIdOf(raw) };
  const { ContactData: data, Parameters: parameters } = parsed.data.Details;

  const channel = channelOf(data.Channel);
  if (!channel) return { ok: false, error: 'Details.ContactData.Channel: unsupported channel', contactId: data.ContactId };

  const customer = customerNumberOf(data.CustomerEndpoint, defaultCountry);
  const system = data.SystemEndpoint;
  const dialledNumber = system?.Address && isTelephone(system) ? toE164(system.Address, defaultCountry) : null;
  return {
    ok: true,
    facts: {
      contactId: data.ContactId,
      channel,
      initiationMethod: initiationMethodOf(data.InitiationMethod),
      customerNumber: customer.number,
      customerNumberStatus: customer.status,
      dialledNumber,
      ivrChoice: textParameter('ivrChoice', parameters, data.Attributes, MAX_IVR_CHOICE),
      lexIntent: textParameter('lexIntent', parameters, data.Attributes, MAX_LEX_INTENT),
    },
  };
}

function channelOf(raw: string | null | undefined): Channel | undefined {
  // A flow Lambda without a channel is a voice flow (the only kind that predates the field).
  if (raw === undefined || raw === null || raw.trim() === '') return 'VOICE';
  const upper = raw.trim().toUpperCase();
  return CHANNELS.find((c) => c === upper);
}

function initiationMethodOf(raw: string | null | undefined): string {
  const value = (raw ?? '').trim().toUpperCase();
  return /^[A-Z_]{1,40}$/.test(value) ? value : '';
}

function isTelephone(endpoint: NonNullable<Endpoint>): boolean {
  return !endpoint.Type || endpoint.Type.toUpperCase() === 'TELEPHONE_NUMBER';
}

function customerNumberOf(endpoint: Endpoint, defaultCountry: string): { number: string | null; status: CustomerNumberStatus } {
  const address = endpoint?.Address?.trim() ?? '';
  if (!endpoint || address === '') return { number: null, status: 'missing' };
  if (isAnonymousNumber(address)) return { number: null, status: 'anonymous' };
  const number = isTelephone(endpoint) ? toE164(address, defaultCountry) : null;
  return number ? { number, status: 'valid' } : { number: null, status: 'invalid' };
}

/** A flow parameter, else the contact attribute of the same name; '' when absent, not text, or too long. */
function textParameter(
  key: string,
  parameters: Record<string, unknown> | null | undefined,
  attributes: Record<string, unknown> | null | undefined,
  maxLength: number,
): string {
  for (const source of [parameters, attributes]) {
    const value = source?.[key];
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
    if (text !== '') return text.length <= maxLength ? text : '';
  }
  return '';
}

function contactIdOf(raw: unknown): string {
  const id = (raw as { Details?: { ContactData?: { ContactId?: unknown } } } | null | undefined)?.Details?.ContactData?.ContactId;
  return typeof id === 'string' && CONTACT_ID.test(id) ? id : '';
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : 'event'}: ${describeIssue(issue)}`)
    .join('; ');
}

/** What was wrong, from the issue's kind only: zod messages can quote the input. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_format':
      return 'not a Connect ContactId';
    case 'invalid_value':
      return 'unexpected value';
    default:
      return issue.code.replace(/_/g, ' ');
  }
}
