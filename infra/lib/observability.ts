import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, MathExpression, Metric, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from './callwise-function';

/** Share of degraded (fallback) routing decisions above which someone should look. */
export const DEGRADED_RATE_THRESHOLD = 0.1;
const PERIOD = Duration.minutes(5);

export interface ObservabilityProps {
  functions: Record<string, IFunction>;
  deadLetterQueue: IQueue;
  /** Change events directory-sync parked (malformed, or not applied after the last receive). */
  directoryDeadLetterQueue?: IQueue;
  alarmEmail?: string;
  /** route-call's quota-breaker threshold (salesforceLookupQuotaPercent): the API-usage alarm fires at it. */
  apiUsageAlarmPercent: number;
}

/** Metrics the handlers emit (Powertools EMF, dimension service=callwise): route-call.ts and sync-config.ts. */
export type CallwiseMetricName =
  | 'DecisionLatency'
  | 'DegradedDecision'
  | 'ProfileCacheHit'
  | 'SalesforceLookup'
  | 'SalesforceApiUsagePercent'
  | 'RoutingError'
  | 'InvalidEvent'
  | 'PolicyRejected'
  | 'PolicySyncFailed';

export function callwiseMetric(name: CallwiseMetricName, statistic: string): Metric {
  return new Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { service: SERVICE_NAME }, statistic, period: PERIOD });
}

/** Call-logging metrics carry queue and intent dimensions: summed over all of them. */
function callLogTotal(name: string, label: string): IMetric {
  return new MathExpression({
    expression: `SUM(SEARCH('{${METRICS_NAMESPACE},intent,queue,service} MetricName="${name}"', 'Sum', ${PERIOD.toSeconds()}))`,
    label,
    period: PERIOD,
  });
}

/**
 * One dashboard (decision latency p99, degraded rate, cache hit rate, Salesforce API usage, DLQ
 * depth, errors) and alarms on DLQ depth, degraded rate, rejected routing configurations and Lambda
 * errors, sent to an encrypted SNS topic (optionally e-mailed).
 */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const key = new Key(this, 'AlarmTopicKey', { enableKeyRotation: true, description: 'Callwise alarm topic' });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'AlarmTopic', { displayName: 'Callwise alarms', masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const latencyP99 = callwiseMetric('DecisionLatency', 'p99');
    const degradedRate = callwiseMetric('DegradedDecision', 'Average');
    const cacheHitRate = callwiseMetric('ProfileCacheHit', 'Average');
    const dlqDepth = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' });
    const errors = Object.entries(props.functions).map(([name, fn]) => fn.metricErrors({ period: PERIOD, statistic: 'Sum', label: name }));

    this.alarm(
      'DeadLetterQueueNotEmpty',
      'Call-logging messages are parked in the dead-letter queue: read the reasons, fix, then `callwise dlq redrive`',
      dlqDepth,
      0,
      1,
    );
    if (props.directoryDeadLetterQueue) {
      const depth = props.directoryDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' });
      this.alarm(
        'DirectoryDeadLetterQueueNotEmpty',
        'Salesforce change events are parked in the directory dead-letter queue: read their reasons; the scheduled reconcile repairs the records they named',
        depth,
        0,
        1,
      );
    }
    this.alarm(
      'DegradedRateHigh',
      `More than ${DEGRADED_RATE_THRESHOLD * 100}% of calls were routed by the fallback (Salesforce or DynamoDB slow or down)`,
      degradedRate,
      DEGRADED_RATE_THRESHOLD,
      3,
    );
    this.alarm(
      'SalesforceApiUsageHigh',
      `The org's daily Salesforce API usage reached ${props.apiUsageAlarmPercent}%: route-call has paused live lookups (callers are routed as unknown) to leave quota for call logging and config sync`,
      callwiseMetric('SalesforceApiUsagePercent', 'Maximum'),
      props.apiUsageAlarmPercent,
      1,
      ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    );
    this.alarm(
      'PolicyRejected',
      'sync-config rejected the routing configuration in Salesforce: its log names the record and field to fix; the last good policy stays in force',
      callwiseMetric('PolicyRejected', 'Sum'),
      0,
      1,
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}Errors`, `${name} failed invocations (errors or timeouts)`, fn.metricErrors({ period: PERIOD, statistic: 'Sum' }), 0, 1);
    }

    this.dashboard = new Dashboard(this, 'Dashboard', {
      // Dashboards are global to the account: the region keeps one per deployment.
      dashboardName: `${Stack.of(this).stackName}-${Stack.of(this).region}`,
      widgets: [
        [
          new GraphWidget({ title: 'Decision latency p99 (ms)', left: [latencyP99], width: 8 }),
          new GraphWidget({ title: 'Degraded decisions (share)', left: [degradedRate], leftYAxis: { min: 0, max: 1 }, width: 8 }),
          new GraphWidget({ title: 'Profile cache hit rate', left: [cacheHitRate], leftYAxis: { min: 0, max: 1 }, width: 8 }),
        ],
        [
          new GraphWidget({
            title: 'Salesforce API usage',
            left: [callwiseMetric('SalesforceLookup', 'Sum').with({ label: 'caller lookups (route-call)' }), callLogTotal('CallsLogged', 'Call Tasks logged')],
            right: [callwiseMetric('SalesforceApiUsagePercent', 'Maximum').with({ label: 'daily API usage (%)' })],
            width: 8,
          }),
          new GraphWidget({ title: 'Dead-letter queue depth', left: [dlqDepth], width: 8 }),
          new GraphWidget({
            title: 'Errors',
            left: [
              ...errors,
              callwiseMetric('RoutingError', 'Sum').with({ label: 'route-call internal errors' }),
              callwiseMetric('InvalidEvent', 'Sum').with({ label: 'invalid contact flow events' }),
              callwiseMetric('PolicyRejected', 'Sum').with({ label: 'routing configurations rejected' }),
            ],
            width: 8,
          }),
        ],
      ],
    });
  }

  private alarm(
    id: string,
    description: string,
    metric: IMetric,
    threshold: number,
    evaluationPeriods: number,
    comparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
  ): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods,
      comparisonOperator,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
