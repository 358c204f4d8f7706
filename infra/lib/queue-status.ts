import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ENV } from '../../functions/src/platform/settings';
import { CallwiseFunction } from './callwise-function';
import { connectArns } from './connect-instance';
import type { Data } from './data';
import type { CallwiseSettings } from './settings';

export interface QueueStatusRefreshProps {
  settings: CallwiseSettings;
  data: Data;
}

/**
 * The one reader of Connect queue metrics for the whole deployment: refresh-queue-status, every
 * minute, at most one instance at a time (reserved concurrency 1, no retries of a missed minute),
 * writing the QueueStatus table that route-call reads. GetCurrentMetricData is throttled per
 * account, so its calls must not grow with route-call's warm containers.
 */
export class QueueStatusRefresh extends Construct {
  readonly function: CallwiseFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: QueueStatusRefreshProps) {
    super(scope, id);
    const { settings } = props;
    const arns = connectArns(settings.connectInstanceArn);
    this.function = new CallwiseFunction(this, 'RefreshQueueStatus', {
      handlerName: 'refresh-queue-status',
      description: 'Callwise refresh-queue-status: live queue metrics (GetCurrentMetricData) for the whole deployment → DynamoDB, for route-call',
      // Each run refreshes for 55 s (RUN_FOR_MS) and ends before the next minute's run.
      timeout: Duration.seconds(59),
      memorySize: 256,
      logRetention: settings.logRetentionDays,
      environment: { [ENV.connectInstanceArn]: settings.connectInstanceArn },
    });
    (this.function.node.defaultChild as CfnFunction).reservedConcurrentExecutions = 1;
    this.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.seconds(60) });
    props.data.connect(this.function, { QueueStatus: ['PutItem'], Policy: ['GetItem'] });
    this.function.addToRolePolicy(new PolicyStatement({ actions: ['connect:GetCurrentMetricData'], resources: [arns.instance, arns.queues] }));
    this.rule = new Rule(this, 'Schedule', {
      description: 'Callwise: refresh the queue status route-call reads',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.function, { retryAttempts: 0, maxEventAge: Duration.seconds(60) })],
    });
  }
}
