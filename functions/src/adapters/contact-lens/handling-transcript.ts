import { z } from 'zod';
import type { HandlingTranscript, Speaker, Turn } from '../../domain/handling/transcript';

/**
 * Reads the transcript and conversation characteristics of a Contact Lens analysis file for the
 * handling scorer. Shapes follow "Example Contact Lens output files" (Amazon Connect Administrator
 * Guide, contact-lens-example-output-files): turns carry ParticipantId, Content (redacted text keeps
 * `[PII]`), Begin/EndOffsetMillis for voice, and OutcomesDetected / ActionItemsDetected.
 */
const detected = z.array(z.unknown()).optional();
const turn = z.object({
  ParticipantId: z.string(),
  ParticipantRole: z.string().optional(),
  Content: z.string().default(''),
  BeginOffsetMillis: z.number().nonnegative().optional(),
  EndOffsetMillis: z.number().nonnegative().optional(),
  OutcomesDetected: detected,
  ActionItemsDetected: detected,
});

const schema = z.object({
  Channel: z.string().default('VOICE'),
  Participants: z.array(z.object({ ParticipantId: z.string(), ParticipantRole: z.string() })).default([]),
  Categories: z.object({ MatchedCategories: z.array(z.string()).default([]) }).optional(),
  ConversationCharacteristics: z
    .object({
      TotalConversationDurationMillis: z.number().nonnegative().optional(),
      Interruptions: z.object({ InterruptionsByInterrupter: z.record(z.string(), z.array(z.unknown())).optional() }).optional(),
      NonTalkTime: z.object({ TotalTimeMillis: z.number().nonnegative() }).optional(),
      TalkTime: z.object({ DetailsByParticipant: z.record(z.string(), z.object({ TotalTimeMillis: z.number().nonnegative() })) }).optional(),
    })
    .default({}),
  Transcript: z.array(turn).default([]),
});

export class UnreadableTranscriptError extends Error {
  constructor(reason: string) {
    super(`Not a Contact Lens analysis file with a transcript: ${reason}`);
    this.name = 'UnreadableTranscriptError';
  }
}

const SPEAKERS: readonly string[] = ['AGENT', 'CUSTOMER', 'SYSTEM'];

export function parseHandlingTranscript(input: unknown): HandlingTranscript {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UnreadableTranscriptError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  const file = parsed.data;
  const roles = new Map(file.Participants.map((p) => [p.ParticipantId, p.ParticipantRole.toUpperCase()]));
  // The documented samples name participants by role ("AGENT") as well as by id.
  const speakerOf = (t: z.infer<typeof turn>): Speaker => {
    const role = (t.ParticipantRole ?? roles.get(t.ParticipantId) ?? t.ParticipantId).toUpperCase();
    return (SPEAKERS.includes(role) ? role : 'SYSTEM') as Speaker;
  };
  const turns: Turn[] = file.Transcript.map((t) => ({
    speaker: speakerOf(t),
    text: t.Content,
    beginMillis: t.BeginOffsetMillis,
    endMillis: t.EndOffsetMillis,
    detected: [...(t.OutcomesDetected?.length ? (['outcome'] as const) : []), ...(t.ActionItemsDetected?.length ? (['actionItem'] as const) : [])],
  }));
  const c = file.ConversationCharacteristics;
  const talk = c.TalkTime?.DetailsByParticipant;
  const byInterrupter = c.Interruptions?.InterruptionsByInterrupter;
  return {
    channel: file.Channel.toUpperCase() === 'CHAT' ? 'CHAT' : 'VOICE',
    durationMillis: c.TotalConversationDurationMillis,
    turns,
    agentInterruptions: byInterrupter ? (byInterrupter.AGENT?.length ?? 0) : undefined,
    talkMillis: talk ? { agent: talk.AGENT?.TotalTimeMillis ?? 0, customer: talk.CUSTOMER?.TotalTimeMillis ?? 0 } : undefined,
    nonTalkMillis: c.NonTalkTime?.TotalTimeMillis,
    categories: file.Categories?.MatchedCategories ?? [],
  };
}
