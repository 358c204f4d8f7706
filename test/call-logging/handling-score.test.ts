import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalOutcomeEnvironment } from '../../cli/outcome-local';
import type { OutcomeEnvironment } from '../../cli/outcome-environment';
import { importAnalyses } from '../../functions/src/call-logging/import-analysis';
import { logContactEvents } from '../../functions/src/call-logging/log-outcome';
import { loadFixture } from './support';
import documented from '../fixtures/contact-lens/handling/documented-redacted-analysis.json';

/**
 * Handling scores reach the Call Task through import-analysis, on DynamoDB Local and the Salesforce
 * emulator (real jsforce over HTTP). The analysis is AWS's documented redacted sample; the call is the
 * answered billing call (intent billing, queue Billing: the support variant, verification applies).
 */
const CONTACT = '11111111-aaaa-4000-8000-000000000001';
const KEY = `connect/acme/Analysis/Voice/Redacted/2026/11/24/${CONTACT}_analysis_redacted_2026-11-24T09:07:00Z.json`;
let env: OutcomeEnvironment;

beforeAll(async () => {
  env = await openLocalOutcomeEnvironment({ CALLWISE_DLQ_FILE: join(mkdtempSync(join(tmpdir(), 'callwise-handling-')), 'dlq.json') });
  const answered = loadFixture('answered');
  await env.seed(answered);
  await logContactEvents(
    answered.events.map((e, i) => ({ messageId: `e-${i}`, body: JSON.stringify(e), receiveCount: 1 })),
    env.deps,
  );
}, 120_000);
afterAll(async () => env?.close());

const analysisMessage = (id: string) => ({ messageId: id, body: JSON.stringify(documented), receiveCount: 1, objectKey: KEY });

describe('handling score on the Call Task', () => {
  it('writes the score, each step, the evidence offsets and the coaching note', async () => {
    const result = await importAnalyses([analysisMessage('a-1')], env.deps);
    expect(result).toMatchObject({ failedMessageIds: [], parked: 0 });
    const [task] = await env.tasks([CONTACT]);
    // Worked out from the transcript (fixture README): resolution 25 + summary 15 + behaviours 15 of 110.
    expect(task).toMatchObject({
      Callwise_Handling_Score__c: 50,
      Callwise_Handling_Status__c: 'Scored',
      Callwise_Handling_Standard__c: 'support 2026-12-02',
      Callwise_Step_Greeting__c: 'Missed',
      Callwise_Step_Verification__c: 'Missed',
      Callwise_Step_Needs__c: 'Missed',
      Callwise_Step_Resolution__c: 'Passed',
      Callwise_Step_Summary__c: 'Passed',
      Callwise_Step_Documentation__c: 'Missed',
      Callwise_Handling_Evidence__c: 'Resolution 0:18; Summary and next steps 0:24',
      Callwise_Weakest_Step__c: 'Identity verification',
      Callwise_Coaching_Note__c: "Weakest step: Identity verification. Verify the caller's identity before discussing anything on their account.",
    });
  });

  it('a replayed analysis changes nothing: no Salesforce request, the same Task', async () => {
    const before = await env.tasks([CONTACT]);
    const requests = env.salesforceRequests();
    const result = await importAnalyses([analysisMessage('a-2')], env.deps);
    expect(result).toMatchObject({ failedMessageIds: [], parked: 0, written: [] });
    expect(env.salesforceRequests()).toBe(requests);
    expect(await env.tasks([CONTACT])).toEqual(before);
  });

  it('a call that cannot be scored says why and has no score (never a zero)', async () => {
    const oneWay = { ...documented, Transcript: documented.Transcript.filter((t) => t.ParticipantId === 'AGENT') };
    await importAnalyses([{ ...analysisMessage('a-3'), body: JSON.stringify(oneWay) }], env.deps);
    const [task] = await env.tasks([CONTACT]);
    expect(task).toMatchObject({ Callwise_Handling_Status__c: 'Not scored: one-way audio', Callwise_Handling_Score__c: null });
  });
});
