import { z } from 'zod';
import { sentimentTrend, talkListenRatio, type ContactAnalysis } from '../../domain/outcome/outcome-analysis';

/**
 * Parses a Contact Lens post-call output file for a voice contact, as AWS documents it ("Example Contact
 * Lens output files for a call": versions `1.1.0` and `VOICE-2022-11-30`). Only what the Call Task needs
 * is read; unknown fields and versions are tolerated. `CustomerMetadata` is optional: the documented
 * examples have none, and the contact id is then taken from the S3 key
 * `…Analysis/Voice/[Redacted/]YYYY/MM/DD/<ContactId>_analysis[_redacted]_<time>.json`.
 */
const millis = z.object({ TotalTimeMillis: z.number().nonnegative() });
const period = z.object({ Score: z.number(), BeginOffsetMillis: z.number().optional(), EndOffsetMillis: z.number().optional() });
const detected = z.array(z.object({ Text: z.string().optional() })).optional();

export const analysisFileSchema = z.object({
  Version: z.string().optional(),
  Channel: z.string().optional(),
  ContentMetadata: z.object({ Output: z.string().optional() }).optional(),
  CustomerMetadata: z.object({ ContactId: z.string().min(1).optional(), InstanceId: z.string().optional() }).optional(),
  Categories: z.object({ MatchedCategories: z.array(z.string()).default([]) }).optional(),
  ConversationCharacteristics: z.object({
    ContactSummary: z.object({ PostContactSummary: z.object({ Content: z.string().optional() }).optional() }).optional(),
    Sentiment: z
      .object({
        OverallSentiment: z.record(z.string(), z.number()).default({}),
        SentimentByPeriod: z.object({ QUARTER: z.record(z.string(), z.array(period)).optional() }).optional(),
      })
      .optional(),
    Interruptions: z.object({ TotalCount: z.number().int().nonnegative() }).optional(),
    NonTalkTime: millis.optional(),
    TalkTime: z.object({ DetailsByParticipant: z.record(z.string(), millis).default({}) }).optional(),
  }),
  Transcript: z.array(z.object({ Content: z.string().optional(), IssuesDetected: detected })).default([]),
});
export type AnalysisFile = z.infer<typeof analysisFileSchema>;

/** Which of the two files Contact Lens writes when redaction is on. */
export type AnalysisOutput = 'redacted' | 'original';

export class MalformedAnalysisError extends Error {
  constructor(readonly reason: string) {
    super(`Not a Contact Lens post-call analysis file: ${reason}. Check that the S3 notification only matches Analysis/Voice/*.json output.`);
    this.name = 'MalformedAnalysisError';
  }
}

const KEY = /(?:^|\/)Analysis\/Voice\/(Redacted\/)?\d{4}\/\d{2}\/\d{2}\/([^/]+?)_analysis(_redacted)?_[^/]*\.json$/;

/** Contact id and output kind from an output file's S3 key; undefined when the key is not of that form. */
export function parseAnalysisKey(key: string): { contactId: string; output: AnalysisOutput } | undefined {
  const match = KEY.exec(key);
  if (!match) return undefined;
  return { contactId: match[2]!, output: match[1] || match[3] ? 'redacted' : 'original' };
}

/** The file's kind: its ContentMetadata.Output when present ("Redacted" / "Raw"), else what its key says; undefined when neither tells. */
export function analysisOutputOf(input: unknown, key?: string): AnalysisOutput | undefined {
  const output = (input as { ContentMetadata?: { Output?: unknown } } | null)?.ContentMetadata?.Output;
  if (typeof output === 'string') return output.toLowerCase() === 'redacted' ? 'redacted' : 'original';
  return key ? parseAnalysisKey(key)?.output : undefined;
}

const rounded = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 10) / 10 || 0);

/** Short summary: the post-contact summary when Contact Lens wrote one, else the detected issues. */
function summaryOf(file: AnalysisFile): string {
  const summary = file.ConversationCharacteristics.ContactSummary?.PostContactSummary?.Content?.trim();
  if (summary) return summary;
  const issues = file.Transcript.flatMap((t) => (t.IssuesDetected ?? []).map((i) => (i.Text ?? t.Content ?? '').trim())).filter(Boolean);
  return issues.length ? `Issues: ${issues.join(' | ')}` : '';
}

/** Parses a file; `key` is its S3 key (the contact id's source when the file has no CustomerMetadata). */
export function parseAnalysisFile(input: unknown, key?: string): ContactAnalysis {
  const parsed = analysisFileSchema.safeParse(input);
  if (!parsed.success) {
    throw new MalformedAnalysisError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  const file = parsed.data;
  const contactId = file.CustomerMetadata?.ContactId ?? (key ? parseAnalysisKey(key)?.contactId : undefined);
  if (!contactId)
    throw new MalformedAnalysisError(
      'no contact id: CustomerMetadata.ContactId is absent and the S3 key is not …/Analysis/Voice/…/<ContactId>_analysis_….json',
    );
  const c = file.ConversationCharacteristics;
  const talk = (role: string) => c.TalkTime?.DetailsByParticipant[role]?.TotalTimeMillis ?? 0;
  const quarters = c.Sentiment?.SentimentByPeriod?.QUARTER?.CUSTOMER?.map((q) => q.Score) ?? [];
  return {
    contactId,
    customerSentiment: rounded(c.Sentiment?.OverallSentiment.CUSTOMER),
    agentSentiment: rounded(c.Sentiment?.OverallSentiment.AGENT),
    customerSentimentTrend: sentimentTrend(quarters),
    talkListenRatio: talkListenRatio(talk('AGENT'), talk('CUSTOMER')),
    interruptions: c.Interruptions?.TotalCount ?? 0,
    nonTalkSeconds: Math.round((c.NonTalkTime?.TotalTimeMillis ?? 0) / 1000),
    categories: file.Categories?.MatchedCategories ?? [],
    summary: summaryOf(file),
  };
}
