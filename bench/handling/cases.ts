import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlingContext } from '../../functions/src/domain/handling/transcript';

/**
 * The labelled call-handling set (bench/handling/*.txt, format in README.md), turned into Contact Lens
 * analysis files of the documented shape so the benchmark reads them through the real adapter.
 */
export type Expected = 'passed' | 'missed' | 'not applicable';
export const LABEL_KEYS = {
  greeting: 'greeting',
  verification: 'verification',
  needs: 'needsAssessment',
  resolution: 'resolution',
  summary: 'summary',
  documentation: 'documentation',
  interruptions: 'interruptions',
} as const;
export type LabelKey = (typeof LABEL_KEYS)[keyof typeof LABEL_KEYS];

export interface LabelledCase {
  id: string;
  /** holdout.txt was written after the rules were tuned, and never used to tune them. */
  set: 'tuning' | 'held-out';
  title: string;
  context: HandlingContext;
  /** Per-step (and interruption) outcomes, or the reason the call is not scored. */
  expected: { status: 'scored'; items: Partial<Record<LabelKey, Expected>> } | { status: string };
  analysis: Record<string, unknown>;
}

const OUTCOMES: Record<string, Expected> = { P: 'passed', M: 'missed', NA: 'not applicable' };
const TURN = /^(A!?|C|S) (-|\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))? (.+)$/;
const ROLE: Record<string, string> = { A: 'AGENT', C: 'CUSTOMER', S: 'SYSTEM' };

export class CaseFormatError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'CaseFormatError';
  }
}

interface RawTurn {
  role: string;
  outcome: boolean;
  begin?: number;
  end?: number;
  text: string;
}

function timeTurns(turns: RawTurn[]): void {
  turns.forEach((t, i) => {
    if (t.begin === undefined || t.end !== undefined) return;
    const next = turns.slice(i + 1).find((n) => n.begin !== undefined && n.begin > t.begin!);
    const spoken = t.begin + Math.max(1, t.text.split(/\s+/).length * 0.4);
    t.end = next ? Math.min(spoken, next.begin! - 0.3) : spoken;
  });
}

function analysisOf(id: string, channel: string, turns: RawTurn[]): Record<string, unknown> {
  timeTurns(turns);
  const ms = (s: number | undefined) => (s === undefined ? undefined : Math.round(s * 1000));
  const duration = Math.max(0, ...turns.map((t) => ms(t.end) ?? 0));
  return {
    Version: '1.1.0',
    Channel: channel,
    ContentMetadata: { RedactionTypes: ['PII'], Output: 'Redacted' },
    JobStatus: 'COMPLETED',
    LanguageCode: 'en-US',
    CustomerMetadata: { ContactId: id },
    Participants: [
      { ParticipantId: 'CUSTOMER', ParticipantRole: 'CUSTOMER' },
      { ParticipantId: 'AGENT', ParticipantRole: 'AGENT' },
    ],
    Categories: { MatchedCategories: [], MatchedDetails: {} },
    ConversationCharacteristics: channel === 'VOICE' ? { TotalConversationDurationMillis: duration } : {},
    Transcript: turns.map((t, i) => ({
      Id: `${id}-t${i + 1}`,
      ParticipantId: ROLE[t.role],
      Content: t.text,
      ...(t.begin === undefined ? {} : { BeginOffsetMillis: ms(t.begin), EndOffsetMillis: ms(t.end) }),
      ...(t.outcome ? { OutcomesDetected: [{ CharacterOffsets: { BeginOffsetChar: 0, EndOffsetChar: t.text.length } }] } : {}),
    })),
  };
}

function parseBlock(file: string, startLine: number, lines: string[]): LabelledCase {
  const [heading, ...body] = lines;
  const [id, ...title] = heading!.slice(3).trim().split(' ');
  const context: HandlingContext = {};
  let channel = 'VOICE';
  let expected: LabelledCase['expected'] | undefined;
  const turns: RawTurn[] = [];
  body.forEach((line, i) => {
    const at = startLine + i + 1;
    if (!line.trim()) return;
    if (line.startsWith('context:')) {
      for (const pair of line.slice(8).trim().split(/\s+/)) {
        const [k, v] = pair.split('=');
        if (k === 'intent') context.intent = v;
        else if (k === 'queue') context.queue = v;
        else if (k === 'channel') channel = v!;
        else if (k === 'disposition') context.dispositionRecorded = v === 'yes';
        else throw new CaseFormatError(file, at, `unknown context "${k}"`);
      }
    } else if (line.startsWith('expect:')) {
      const rest = line.slice(7).trim();
      if (rest.startsWith('status=')) expected = { status: rest.slice(7) };
      else {
        const items: Partial<Record<LabelKey, Expected>> = {};
        for (const pair of rest.split(/\s+/)) {
          const [k, v] = pair.split('=');
          const key = LABEL_KEYS[k as keyof typeof LABEL_KEYS];
          if (!key || !OUTCOMES[v!]) throw new CaseFormatError(file, at, `bad label "${pair}"`);
          items[key] = OUTCOMES[v!];
        }
        expected = { status: 'scored', items };
      }
    } else {
      const m = TURN.exec(line);
      if (!m) throw new CaseFormatError(file, at, `not a turn: "${line}"`);
      const begin = m[2] === '-' ? undefined : Number(m[2]);
      turns.push({ role: m[1]![0]!, outcome: m[1]!.endsWith('!'), begin, end: m[3] === undefined ? undefined : Number(m[3]), text: m[4]! });
    }
  });
  if (!expected) throw new CaseFormatError(file, startLine, `case ${id} has no expect: line`);
  return { id: id!, set: file === 'holdout.txt' ? 'held-out' : 'tuning', title: title.join(' '), context, expected, analysis: analysisOf(id!, channel, turns) };
}

export function loadCases(dir = __dirname): LabelledCase[] {
  return ['support.txt', 'sales.txt', 'holdout.txt'].flatMap((name) => {
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    const cases: LabelledCase[] = [];
    let start = -1;
    const flush = (end: number) => start >= 0 && cases.push(parseBlock(name, start + 1, lines.slice(start, end)));
    lines.forEach((line, i) => {
      if (!line.startsWith('## ')) return;
      flush(i);
      start = i;
    });
    flush(lines.length);
    return cases;
  });
}
