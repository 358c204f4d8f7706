import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { CallwiseFunction } from './callwise-function';
import type { Data } from './data';
import type { SalesforceSecret } from './secrets';
import type { CallwiseSettings } from './settings';

export interface ConfigSyncProps {
  settings: CallwiseSettings;
  data: Data;
  secret: SalesforceSecret;
}

/** On a schedule, sync-config reads the routing configuration from Salesforce and stores the policy (Policy table only: GetItem, PutItem). */
export class ConfigSync extends Construct {
  readonly function: CallwiseFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: ConfigSyncProps) {
    super(scope, id);
    this.function = new CallwiseFunction(this, 'SyncConfig', {
      handlerName: 'sync-config',
      description: 'Callwise sync-config: routing configuration from Salesforce custom metadata → validated policy in DynamoDB',
      timeout: Duration.seconds(30),
      memorySize: 512,
      logRetention: props.settings.logRetentionDays,
    });
    // The policy and the handling standard: read what is in force, put the new one (a transaction of two Puts for the policy).
    props.data.connect(this.function, { Policy: ['GetItem', 'PutItem'] });
    props.secret.connect(this.function);
    this.rule = new Rule(this, 'Schedule', {
      description: 'Callwise: sync the routing policy from Salesforce',
      schedule: Schedule.expression(props.settings.syncSchedule),
      targets: [new LambdaFunction(this.function, { retryAttempts: 2, maxEventAge: Duration.minutes(5) })],
    });
  }
}
