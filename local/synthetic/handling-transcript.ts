/**
 * Synthetic Contact Lens transcripts whose handling quality varies: each step of a good call is said
 * with probability `quality` (0–1), in varied wording, so the demo's scores spread and the coaching
 * view has something to show. Wording is drawn from the kinds of lines in bench/handling/.
 */
type Line = [speaker: 'AGENT' | 'CUSTOMER', text: string];

const pick = <T>(items: readonly T[], rand: () => number): T => items[Math.floor(rand() * items.length)]!;

const GREETING = [
  'Thank you for calling Northwind, my name is [PII]. How can I help?',
  'Good morning, you are speaking with [PII] at Northwind.',
  'Hi, thanks for calling Northwind, this is [PII].',
];
const WEAK_GREETING = ['Northwind, hello.', 'Hello, how can I help?'];
const VERIFY = [
  'Before I look, can you confirm your date of birth?',
  'For security, can you give me your postcode?',
  'Can I have the last four digits of the account number to verify?',
];
const DETAILS_FIRST = 'I can see your last invoice was [PII].';
const NEEDS: Record<string, readonly string[]> = {
  sales: ['How many users would need it?', 'What are you using today?', 'What would success look like for you?'],
  other: ['When did this start happening?', 'Which order is this about?', 'What error do you see?'],
};
const RESOLVE: Record<string, readonly string[]> = {
  sales: ['Let me book a demo for Thursday.', 'I will send over a quote today.'],
  other: ['I have corrected it and sent a new one.', "I've refunded the duplicate charge.", "I've reset the password, it's working now."],
};
const SUMMARY = ["To recap, it's fixed and you'll get a confirmation email.", 'Next steps: you will receive an email within two days.'];
const DOCUMENT = ["I've added a note to your account.", "I've logged this on the case."];

/** The turns of one call; `quality` is the chance each step is done well. */
export function syntheticHandlingLines(intent: string, quality: number, rand: () => number): Line[] {
  const kind = intent === 'sales' || intent === 'renewal' ? 'sales' : 'other';
  const does = () => rand() < quality;
  const lines: Line[] = [
    ['AGENT', does() ? pick(GREETING, rand) : pick(WEAK_GREETING, rand)],
    ['CUSTOMER', 'Hi, I am calling about my account.'],
  ];
  if (kind === 'other' || intent === 'renewal') {
    if (does()) lines.push(['AGENT', pick(VERIFY, rand)], ['CUSTOMER', '[PII].']);
    else lines.push(['AGENT', `${DETAILS_FIRST} ${pick(VERIFY, rand)}`], ['CUSTOMER', '[PII].']);
  }
  if (does()) lines.push(['AGENT', pick(NEEDS[kind]!, rand)], ['CUSTOMER', 'Since last week, I think.']);
  if (does()) lines.push(['AGENT', pick(RESOLVE[kind]!, rand)], ['CUSTOMER', 'Great, thank you.']);
  else lines.push(['AGENT', 'Let me see what I can find out.'], ['CUSTOMER', 'Okay.']);
  lines.push(
    ['AGENT', does() ? `${pick(SUMMARY, rand)}${does() ? ` ${pick(DOCUMENT, rand)}` : ''}` : 'Anything else I can help with?'],
    ['CUSTOMER', 'No, thanks, bye.'],
  );
  return lines;
}

/** Lines as Contact Lens transcript turns, spread over the call's talk time. */
export function transcriptTurns(lines: Line[], talkMs: number): object[] {
  const step = Math.floor(talkMs / lines.length);
  return lines.map(([speaker, text], i) => ({
    BeginOffsetMillis: i * step,
    EndOffsetMillis: (i + 1) * step - 200,
    Id: `t${i + 1}`,
    ParticipantId: speaker,
    Content: text,
    Sentiment: 'NEUTRAL',
  }));
}
