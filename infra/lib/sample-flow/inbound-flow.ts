import { BUNDLED_POLICY } from '../../../functions/src/platform/live-policy';
import type { RouteResponseKey } from '../../../functions/src/domain/routing/route-response';
import { action, type ContactFlowContent, type FlowAction } from './flow-language';

/**
 * DTMF menu: one digit per IVR choice of the default policy's intents; the digit becomes the
 * `ivrChoice` contact attribute route-call reads.
 */
export const MENU_CHOICES = BUNDLED_POLICY.intents
  .flatMap((intent) => intent.signals.ivrChoices.map((digit) => ({ digit, label: intent.name })))
  .filter((c) => /^[0-9]$/.test(c.digit))
  .sort((a, b) => a.digit.localeCompare(b.digit));

/** Connect's routing priority: 1 (soonest) to 10; QueuePriority must be static, so one action per value. */
const PRIORITIES = Array.from({ length: 10 }, (_, i) => String(i + 1));
/** Preferred-agent wait buckets (s); a step's expiry must be static too. */
export const PREFERRED_AGENT_WAITS = [10, 20, 30, 60] as const;

/** route-call outputs copied to contact attributes (screen pop, whisper, reporting). */
export const SAVED_ATTRIBUTES: RouteResponseKey[] = [
  'callerKnown',
  'callerRecordId',
  'callerRecordType',
  'accountId',
  'screenPopRecordId',
  'intent',
  'intentConfidence',
  'valueScore',
  'valueTier',
  'targetQueueName',
  'routingRule',
  'routingReason',
  'degraded',
  'whisper',
];

const external = (key: RouteResponseKey) => `$.External.${key}`;

export interface InboundFlowProps {
  routeCallArn: string;
  whisperFlowArn: string;
  fallbackQueueArn: string;
}

/**
 * Recording and Contact Lens post-contact analytics for both participants, with redaction
 * (UpdateContactRecordingBehavior, "Set recording and analytics behavior"; parameters as the flow
 * language reference documents them: docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontactrecordingbehavior.html).
 * Analytics needs both Agent and Customer recorded; every value must be static. With
 * RedactedAndOriginal Contact Lens writes the original and the redacted file; Callwise imports the
 * redacted one only. The post-contact summary is what import-analysis writes to the Task.
 */
export const RECORDING_AND_ANALYTICS = {
  RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'] },
  AnalyticsBehavior: {
    Enabled: 'True',
    AnalyticsLanguage: 'en-US',
    AnalyticsRedactionBehavior: 'Enabled',
    AnalyticsRedactionResults: 'RedactedAndOriginal',
    ChannelConfiguration: { Chat: { AnalyticsModes: [] }, Voice: { AnalyticsModes: ['PostContact'] } },
    SummaryConfiguration: { SummaryModes: ['PostContact'] },
  },
} as const;

/**
 * The sample inbound flow: recording and Contact Lens → menu → route-call → attributes → working
 * queue, priority, preferred agent by id (falling back to the whole queue after its wait), agent
 * whisper → transfer. Every failure still ends in a queue: the deployment's fallback queue, and only
 * if that fails too, an apology.
 */
export function inboundFlow(props: InboundFlowProps): ContactFlowContent {
  const onError = (next: string) => ({ Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' as const }] });
  const actions: FlowAction[] = [
    action('logging', 'UpdateFlowLoggingBehavior', { FlowLoggingBehavior: 'Enabled' }, { NextAction: 'recording' }),
    // The action documents no errors; it applies once an agent joins, so it comes before anything can queue the call.
    action('recording', 'UpdateContactRecordingBehavior', RECORDING_AND_ANALYTICS, { NextAction: 'menu' }),
    action(
      'menu',
      'GetParticipantInput',
      {
        Text: `Thanks for calling. ${MENU_CHOICES.map((c) => `For ${c.label}, press ${c.digit}.`).join(' ')}`,
        StoreInput: 'False',
        InputTimeLimitSeconds: '5',
      },
      {
        NextAction: 'route-call',
        Conditions: MENU_CHOICES.map((c) => ({ NextAction: `choice-${c.digit}`, Condition: { Operator: 'Equals' as const, Operands: [c.digit] } })),
        Errors: [
          { NextAction: 'route-call', ErrorType: 'InputTimeLimitExceeded' },
          { NextAction: 'route-call', ErrorType: 'NoMatchingCondition' },
          { NextAction: 'route-call', ErrorType: 'NoMatchingError' },
        ],
      },
    ),
    ...MENU_CHOICES.map((c) =>
      action(
        'choice-' + c.digit,
        'UpdateContactAttributes',
        { Attributes: { ivrChoice: c.digit }, TargetContact: 'Current' },
        { NextAction: 'route-call', ...onError('route-call') },
      ),
    ),
    action(
      'route-call',
      'InvokeLambdaFunction',
      {
        LambdaFunctionARN: props.routeCallArn,
        InvocationTimeLimitSeconds: '4',
        InvocationType: 'SYNCHRONOUS',
        ResponseValidation: { ResponseType: 'STRING_MAP' },
      },
      { NextAction: 'save-route', ...onError('fallback-attributes') },
    ),
    action(
      'save-route',
      'UpdateContactAttributes',
      { Attributes: Object.fromEntries(SAVED_ATTRIBUTES.map((k) => [k, external(k)])), TargetContact: 'Current' },
      { NextAction: 'set-queue', ...onError('set-queue') },
    ),
    action('set-queue', 'UpdateContactTargetQueue', { QueueId: external('targetQueueArn') }, { NextAction: 'priority', ...onError('fallback-queue') }),
    action(
      'priority',
      'Compare',
      { ComparisonValue: external('routingPriority') },
      {
        NextAction: 'preferred-agent-wait',
        Conditions: PRIORITIES.map((p) => ({ NextAction: `priority-${p}`, Condition: { Operator: 'Equals' as const, Operands: [p] } })),
        Errors: [{ NextAction: 'preferred-agent-wait', ErrorType: 'NoMatchingCondition' }],
      },
    ),
    ...PRIORITIES.map((p) => action(`priority-${p}`, 'UpdateContactRoutingBehavior', { QueuePriority: p }, { NextAction: 'preferred-agent-wait' })),
    // route-call answers preferredAgentTimeoutSeconds "0" exactly when there is no preferred agent.
    action(
      'preferred-agent-wait',
      'Compare',
      { ComparisonValue: external('preferredAgentTimeoutSeconds') },
      {
        NextAction: `preferred-agent-${PREFERRED_AGENT_WAITS.at(-1)}`,
        Conditions: [
          { NextAction: 'whisper', Condition: { Operator: 'NumberLessOrEqualTo' as const, Operands: ['0'] } },
          ...PREFERRED_AGENT_WAITS.map((s) => ({
            NextAction: `preferred-agent-${s}`,
            Condition: { Operator: 'NumberLessOrEqualTo' as const, Operands: [String(s)] },
          })),
        ],
        Errors: [{ NextAction: `preferred-agent-${PREFERRED_AGENT_WAITS.at(-1)}`, ErrorType: 'NoMatchingCondition' }],
      },
    ),
    // Offered to the preferred agent only until the step expires; then to every agent of the queue.
    // AgentsCriteria.AgentIds takes agent (user) ids, not ARNs (RoutingCriteria in the DescribeContact API reference).
    ...PREFERRED_AGENT_WAITS.map((s) =>
      action(
        `preferred-agent-${s}`,
        'UpdateRoutingCriteria',
        {
          RoutingCriteria: {
            Steps: [
              {
                Expression: {
                  AttributeCondition: { ComparisonOperator: 'Match', MatchCriteria: { AgentsCriteria: { AgentIds: [external('preferredAgentId')] } } },
                },
                Expiry: { DurationInSeconds: s },
              },
            ],
          },
        },
        { NextAction: 'whisper', ...onError('whisper') },
      ),
    ),
    action('whisper', 'UpdateContactEventHooks', { EventHooks: { AgentWhisper: props.whisperFlowArn } }, { NextAction: 'transfer', ...onError('transfer') }),
    action(
      'transfer',
      'TransferContactToQueue',
      {},
      {
        NextAction: 'fallback-queue',
        Errors: [
          { NextAction: 'fallback-queue', ErrorType: 'QueueAtCapacity' },
          { NextAction: 'fallback-queue', ErrorType: 'NoMatchingError' },
        ],
      },
    ),
    action(
      'fallback-attributes',
      'UpdateContactAttributes',
      { Attributes: { degraded: 'true', routingReason: 'route-call did not answer; sample flow fallback queue' }, TargetContact: 'Current' },
      { NextAction: 'fallback-queue', ...onError('fallback-queue') },
    ),
    action('fallback-queue', 'UpdateContactTargetQueue', { QueueId: props.fallbackQueueArn }, { NextAction: 'fallback-transfer', ...onError('apology') }),
    action(
      'fallback-transfer',
      'TransferContactToQueue',
      {},
      {
        NextAction: 'apology',
        Errors: [
          { NextAction: 'apology', ErrorType: 'QueueAtCapacity' },
          { NextAction: 'apology', ErrorType: 'NoMatchingError' },
        ],
      },
    ),
    action(
      'apology',
      'MessageParticipant',
      { Text: 'Sorry, we cannot take your call right now. Please call again later.' },
      { NextAction: 'disconnect', ...onError('disconnect') },
    ),
    action('disconnect', 'DisconnectParticipant', {}),
  ];
  return { Version: '2019-10-30', StartAction: 'logging', Actions: actions };
}

/** The agent whisper: reads the one-sentence `whisper` attribute route-call set, then lets the call through. */
export function whisperFlow(): ContactFlowContent {
  return {
    Version: '2019-10-30',
    StartAction: 'whisper-message',
    Actions: [
      action(
        'whisper-message',
        'MessageParticipant',
        { Text: '$.Attributes.whisper' },
        { NextAction: 'end', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] },
      ),
      action('end', 'EndFlowExecution', {}),
    ],
  };
}
