import { z } from 'zod';
import { sentimentTrend, talkListenRatio, type ContactAnalysis } from '../../domain/outcome/outcome-analysis';

/**
 * Parses the Contact Lens post-call analysis output file (Analysis/Voice/…/<contactId>_analysis_….json).
 * Only what the Call Task needs is read; unknown fields are ignored.
 */
const talkTime = z.object({ TotalTimeMillis: z.number().nonnegative() });
const sentimentScores = z.object({ SentimentScore: z.number(), BeginOffsetMillis: z.number().optional(), EndOffsetMillis: z.number().optional() });

export const analysisFileSchema = z.object({
  AccountId: z.string().optional(),
  Channel: z.string().optional(),
  ContentMetadata: z.object({ Output: z.string().optional() }).optional(),
  CustomerMetadata: z.object({ ContactId: z.string().min(1), InstanceId: z.string().optional(), InputS3Uri: z.string().optional() }),
  JobDetails: z.object({ SkippedAnalysis: z.array(z.unknown()).optional() }).optional(),
  JobStatus: z.string().optional(),
  LanguageCode: z.string().optional(),
  Participants: z.array(z.object({ ParticipantId: z.string(), ParticipantRole: z.string() })),
  Categories: z.object({ MatchedCategories: z.array(z.string()).default([]), MatchedDetails: z.record(z.string(), z.unknown()).optional() }).optional(),
  ConversationCharacteristics: z.object({
    TotalConversationDurationMillis: z.number().optional(),
    Sentiment: z.object({
      OverallSentiment: z.record(z.string(), z.number()),
      SentimentByPeriod: z.object({ QUARTER: z.record(z.string(), z.array(sentimentScores)).optional() }).optional(),
    }),
    Interruptions: z.object({ TotalCount: z.number().int().nonnegative(), TotalTimeMillis: z.number().optional() }).optional(),
    NonTalkTime: z.object({ TotalTimeMillis: z.number().nonnegative() }).optional(),
    TalkSpeed: z.unknown().optional(),
    TalkTime: z.object({ TotalTimeMillis: z.number().nonnegative(), DetailsByParticipant: z.record(z.string(), talkTime) }),
  }),
  Transcript: z.array(z.object({ ParticipantId: z.string(), Content: z.string(), Sentiment: z.string().optional(), IssuesDetected: z.array(z.unknown()).optional() })).default([]),
  PostContactSummary: z.object({ Content: z.string().optional(), Status: z.string().optional() }).optional(),
});
export type AnalysisFile = z.infer<typeof analysisFileSchema>;

export class MalformedAnalysisError extends Error {
  constructor(readonly reason: string) {
    super(`Not a Contact Lens post-call analysis file: ${reason}. Check that the S3 notification only matches Analysis/Voice/*.json output.`);
    this.name = 'MalformedAnalysisError';
  }
}

const rounded = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 10) / 10 || 0);

/** Short summary: the post-contact summary when Contact Lens wrote one, else the detected issues. */
function summaryOf(file: AnalysisFile): string {
  const summary = file.PostContactSummary?.Content?.trim();
  if (summary) return summary;
  const issues = file.Transcript.filter((t) => t.IssuesDetected?.length).map((t) => t.Content.trim());
  return issues.length ? `Issues: ${issues.join(' | ')}` : '';
}

export function parseAnalysisFile(input: unknown): ContactAnalysis {
  const parsed = analysisFileSchema.safeParse(input);
  if (!parsed.success) {
    throw new MalformedAnalysisError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  const file = parsed.data;
  const c = file.ConversationCharacteristics;
  const talk = (role: string) => c.TalkTime.DetailsByParticipant[role]?.TotalTimeMillis ?? 0;
  const quarters = c.Sentiment.SentimentByPeriod?.QUARTER?.CUSTOMER?.map((q) => q.SentimentScore) ?? [];
  return {
    contactId: file.CustomerMetadata.ContactId,
    customerSentiment: rounded(c.Sentiment.OverallSentiment.CUSTOMER),
    agentSentiment: rounded(c.Sentiment.OverallSentiment.AGENT),
    customerSentimentTrend: sentimentTrend(quarters),
    talkListenRatio: talkListenRatio(talk('AGENT'), talk('CUSTOMER')),
    interruptions: c.Interruptions?.TotalCount ?? 0,
    nonTalkSeconds: Math.round((c.NonTalkTime?.TotalTimeMillis ?? 0) / 1000),
    categories: file.Categories?.MatchedCategories ?? [],
    summary: summaryOf(file),
  };
}
