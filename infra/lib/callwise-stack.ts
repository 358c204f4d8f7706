import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AnalyticsImport } from './analytics-import';
import { CallLogging } from './call-logging';
import { ConfigSync } from './config-sync';
import { Data } from './data';
import { refuseDemoDefaults } from './demo-defaults';
import { DirectorySync } from './directory-sync';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { Observability } from './observability';
import { QueueStatusRefresh } from './queue-status';
import { Routing } from './routing';
import { SampleFlow } from './sample-flow/sample-flow';
import { SalesforceSecret } from './secrets';
import type { CallwiseSettings } from './settings';

export interface CallwiseStackProps extends StackProps {
  settings: CallwiseSettings;
}

/** Everything Callwise runs in AWS, wired to an existing Amazon Connect instance. */
export class CallwiseStack extends Stack {
  readonly settings: CallwiseSettings;
  readonly data: Data;
  readonly secret: SalesforceSecret;
  readonly routing: Routing;
  readonly callLogging: CallLogging;
  readonly analyticsImport: AnalyticsImport;
  readonly configSync: ConfigSync;
  readonly queueStatus: QueueStatusRefresh;
  readonly directorySync: DirectorySync;
  readonly observability: Observability;
  readonly sampleFlow?: SampleFlow;

  constructor(scope: Construct, id: string, props: CallwiseStackProps) {
    super(scope, id, { description: 'Callwise: intent-based call routing for Amazon Connect with Salesforce', ...props });
    const { settings } = props;
    this.settings = settings;
    Tags.of(this).add('app', 'callwise');
    refuseDemoDefaults(this, settings);

    this.data = new Data(this, 'Data', { encryption: settings.tableEncryption });
    this.secret = new SalesforceSecret(this, 'SalesforceSecret', { arnOrName: settings.salesforceSecret });
    const parts = { settings, data: this.data, secret: this.secret };
    this.routing = new Routing(this, 'Routing', parts);
    this.callLogging = new CallLogging(this, 'CallLogging', parts);
    this.analyticsImport = new AnalyticsImport(this, 'AnalyticsImport', { ...parts, deadLetterQueue: this.callLogging.deadLetterQueue });
    this.configSync = new ConfigSync(this, 'ConfigSync', parts);
    this.queueStatus = new QueueStatusRefresh(this, 'QueueStatus', { settings, data: this.data });
    this.directorySync = new DirectorySync(this, 'DirectorySync', parts);
    this.observability = new Observability(this, 'Observability', {
      functions: {
        RouteCall: this.routing.function,
        LogOutcome: this.callLogging.function,
        ImportAnalysis: this.analyticsImport.function,
        SyncConfig: this.configSync.function,
        CloseFcr: this.callLogging.closeFcr.function,
        RefreshQueueStatus: this.queueStatus.function,
        DirectorySync: this.directorySync.function,
        ReconcileDirectory: this.directorySync.reconcile,
      },
      deadLetterQueue: this.callLogging.deadLetterQueue,
      directoryDeadLetterQueue: this.directorySync.deadLetterQueue,
      apiUsageAlarmPercent: settings.salesforceLookupQuotaPercent,
      ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
    });
    if (settings.deploySampleFlow) {
      this.sampleFlow = new SampleFlow(this, 'SampleFlow', {
        settings,
        routeCall: { arn: this.routing.alias.functionArn, integration: this.routing.integration },
      });
    }
    acknowledgeNagFindings(this);
  }
}
