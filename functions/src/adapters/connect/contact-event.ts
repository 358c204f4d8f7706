import { z } from 'zod';
import type { ContactEvent } from '../../domain/outcome/contact-state';

/**
 * Parses the EventBridge "Amazon Connect Contact Event" (source aws.connect) into a ContactEvent.
 * Unknown fields are ignored, as AWS asks, so new fields never break logging.
 */
const iso = z.iso.datetime({ offset: true });
const endpoint = z.object({ type: z.string().optional(), address: z.string().optional() }).optional();

const detailSchema = z.object({
  eventType: z.string().min(1),
  contactId: z.string().min(1).max(64),
  initialContactId: z.string().optional(),
  previousContactId: z.string().optional(),
  channel: z.string().optional(),
  instanceArn: z.string().optional(),
  initiationMethod: z.string().optional(),
  initiationTimestamp: iso.optional(),
  connectedToSystemTimestamp: iso.optional(),
  disconnectTimestamp: iso.optional(),
  disconnectReason: z.string().optional(),
  customerEndpoint: endpoint,
  systemEndpoint: endpoint,
  queueInfo: z.object({ queueArn: z.string().optional(), queueName: z.string().optional(), enqueueTimestamp: iso.optional(), queueType: z.string().optional() }).optional(),
  agentInfo: z
    .object({
      agentArn: z.string().optional(),
      connectedToAgentTimestamp: iso.optional(),
      afterContactWorkStartTimestamp: iso.optional(),
      afterContactWorkEndTimestamp: iso.optional(),
      afterContactWorkDuration: z.number().nonnegative().optional(),
      customerHoldDuration: z.number().nonnegative().optional(),
    })
    .optional(),
  recording: z.object({ location: z.string().optional() }).optional(),
  attributes: z.record(z.string(), z.string()).optional(),
});

export const contactEventSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.literal('Amazon Connect Contact Event'),
  source: z.literal('aws.connect'),
  time: iso,
  detail: detailSchema,
});
export type ConnectContactEvent = z.infer<typeof contactEventSchema>;

export class MalformedContactEventError extends Error {
  constructor(readonly reason: string) {
    super(`Not an Amazon Connect contact event: ${reason}. Check the EventBridge rule feeding the call-logging queue (source aws.connect, detail-type "Amazon Connect Contact Event").`);
    this.name = 'MalformedContactEventError';
  }
}

export function parseContactEvent(input: unknown): ContactEvent {
  const parsed = contactEventSchema.safeParse(input);
  if (!parsed.success) {
    throw new MalformedContactEventError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  const { id, time, detail: d } = parsed.data;
  const event: ContactEvent = {
    eventId: id,
    time,
    eventType: d.eventType,
    contactId: d.contactId,
    initialContactId: d.initialContactId,
    previousContactId: d.previousContactId,
    channel: d.channel,
    initiationMethod: d.initiationMethod,
    initiationTimestamp: d.initiationTimestamp,
    connectedToSystemTimestamp: d.connectedToSystemTimestamp,
    disconnectTimestamp: d.disconnectTimestamp,
    disconnectReason: d.disconnectReason,
    queueArn: d.queueInfo?.queueArn,
    queueName: d.queueInfo?.queueName,
    enqueueTimestamp: d.queueInfo?.enqueueTimestamp,
    agentArn: d.agentInfo?.agentArn,
    connectedToAgentTimestamp: d.agentInfo?.connectedToAgentTimestamp,
    afterContactWorkStartTimestamp: d.agentInfo?.afterContactWorkStartTimestamp,
    afterContactWorkEndTimestamp: d.agentInfo?.afterContactWorkEndTimestamp,
    afterContactWorkDuration: d.agentInfo?.afterContactWorkDuration,
    customerHoldDuration: d.agentInfo?.customerHoldDuration,
    recordingLocation: d.recording?.location,
    attributes: d.attributes,
  };
  return Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined)) as ContactEvent;
}
