import { z } from 'zod';
import type { ContactEvent } from '../../domain/outcome/contact-state';

/**
 * Parses the EventBridge "Amazon Connect Contact Event" (source aws.connect) into a ContactEvent.
 * Reads only fields of the documented data model ("Amazon Connect contact events", Administrator Guide:
 * https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html): the queue by ARN (its name
 * is not in the events), the agent by ARN. Hold, after-call work, attributes and recordings are not in
 * the events: DescribeContact has them. Unknown fields are ignored, as AWS asks.
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
  queueInfo: z.object({ queueArn: z.string().optional(), enqueueTimestamp: iso.optional(), queueType: z.string().optional() }).optional(),
  agentInfo: z.object({ agentArn: z.string().optional(), connectedToAgentTimestamp: iso.optional() }).optional(),
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
    super(
      `Not an Amazon Connect contact event: ${reason}. Check the EventBridge rule feeding the call-logging queue (source aws.connect, detail-type "Amazon Connect Contact Event").`,
    );
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
    enqueueTimestamp: d.queueInfo?.enqueueTimestamp,
    agentArn: d.agentInfo?.agentArn,
    connectedToAgentTimestamp: d.agentInfo?.connectedToAgentTimestamp,
  };
  return Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined)) as ContactEvent;
}
