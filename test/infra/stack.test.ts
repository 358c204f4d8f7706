import { Match } from 'aws-cdk-lib/assertions';
import { TABLES, ENV } from '../../functions/src/platform/settings';
import { DEFAULT_MAX_RECEIVES } from '../../functions/src/call-logging/call-log-sync';
import { DEMO_INSTANCE_ARN } from '../../infra/lib/settings';
import { normalisedTemplate, synthCallwise } from './synth';

// One synth for the whole file (bundling is tested in bundling.test.ts).
const { stack, template } = synthCallwise();
const functions = template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs22.x' } });
const fnByHandler = (name: string) => {
  const entry = Object.entries(functions).find(([, f]) => (f.Properties.Description as string).startsWith(`Callwise ${name}:`));
  if (!entry) throw new Error(`no function for ${name}`);
  return { logicalId: entry[0], props: entry[1].Properties as Record<string, any> };
};

describe('Callwise stack', () => {
  it('deploys into the Connect instance account and region', () => {
    expect(stack.account).toBe('111122223333');
    expect(stack.region).toBe('us-east-1');
  });

  it.each([
    ['AWS::Lambda::Function', 8],
    ['AWS::DynamoDB::Table', TABLES.length],
    ['AWS::SQS::Queue', 5],
    ['AWS::Events::Rule', 5],
    ['AWS::Lambda::EventSourceMapping', 3],
    ['AWS::Lambda::Alias', 1],
    ['AWS::Connect::IntegrationAssociation', 1],
    ['AWS::CloudWatch::Dashboard', 1],
    ['AWS::SNS::Topic', 1],
    ['Custom::S3BucketNotifications', 1],
    ['AWS::Connect::ContactFlow', 0],
  ])('has %s × %i', (type, count) => {
    // 8 Callwise functions; the other Lambda (CDK's bucket-notification handler) runs Python.
    const found = Object.values(template.findResources(type)).filter((r) => type !== 'AWS::Lambda::Function' || r.Properties.Runtime === 'nodejs22.x');
    expect(found).toHaveLength(count);
  });

  it.each([
    ['route-call', 3, 1024],
    ['log-outcome', 60, 1024],
    ['import-analysis', 60, 1024],
    ['sync-config', 30, 512],
    ['refresh-queue-status', 59, 256],
  ])('%s: nodejs22.x on arm64, traced, timeout %i s, %i MB, Powertools env, source maps', (name, timeout, memory) => {
    const { props } = fnByHandler(name);
    expect(props).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Timeout: timeout,
      MemorySize: memory,
      Handler: 'index.handler',
    });
    expect(props.Environment.Variables).toMatchObject({
      [ENV.serviceName]: 'callwise',
      [ENV.metricsNamespace]: 'Callwise',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(props.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
  });

  it('keeps route-call well under the 8 s Connect waits', () => {
    expect(fnByHandler('route-call').props.Timeout).toBeLessThanOrEqual(3);
  });

  it('gives every function a log group with the configured retention', () => {
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 8);
  });

  it.each(TABLES.map((t) => [t.id, t]))('table %s: on demand, PITR, encrypted, keys and TTL from TABLES', (_id, def) => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      KeySchema: [{ AttributeName: def.partitionKey, KeyType: 'HASH' }, ...('sortKey' in def ? [{ AttributeName: def.sortKey, KeyType: 'RANGE' }] : [])],
      TimeToLiveSpecification: 'ttlAttribute' in def ? { AttributeName: def.ttlAttribute, Enabled: true } : Match.absent(),
    });
  });

  it('routes only this instance’s contact events to the call-logging queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.connect'], 'detail-type': ['Amazon Connect Contact Event'], detail: { instanceArn: [DEMO_INSTANCE_ARN] } },
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('CallLoggingContactEventsQueue'), 'Arn'] }, DeadLetterConfig: Match.anyValue() }),
      ],
    });
  });

  it.each([
    ['CallLoggingContactEventsQueue', 'log-outcome', 1000],
    ['AnalyticsImportAnalysisFilesQueue', 'import-analysis', 200],
  ])('%s: SSE, SSL only, redrive to the DLQ, visibility ≥ 6 × %s timeout; partial batch responses', (queuePrefix, handler, batchSize) => {
    const queues = template.findResources('AWS::SQS::Queue');
    const [queueId, queue] = Object.entries(queues).find(([id]) => id.startsWith(queuePrefix))!;
    const timeout = fnByHandler(handler).props.Timeout as number;
    expect(queue.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^CallLoggingDeadLetterQueue/), 'Arn'] },
        maxReceiveCount: DEFAULT_MAX_RECEIVES,
      },
    });
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionName: { Ref: fnByHandler(handler).logicalId },
      BatchSize: batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumBatchingWindowInSeconds: Match.anyValue(),
      ScalingConfig: { MaximumConcurrency: Match.anyValue() },
    });
  });

  it('encrypts the dead-letter queue and keeps messages 14 days for redrive', () => {
    const [, dlq] = Object.entries(template.findResources('AWS::SQS::Queue')).find(([id]) => id.startsWith('CallLoggingDeadLetterQueue'))!;
    expect(dlq.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  const notificationPrefix = (t: typeof template) => {
    const [resource] = Object.values(t.findResources('Custom::S3BucketNotifications'));
    const rules = resource!.Properties.NotificationConfiguration.QueueConfigurations[0].Filter.Key.FilterRules as { Name: string; Value: string }[];
    return rules.find((r) => r.Name === 'prefix')!.Value;
  };

  it('sends only the redacted Contact Lens JSON files (Analysis/Voice/Redacted/) to the import queue by default', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: 'amazon-connect-demo-bucket',
      Managed: false,
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: {
              Key: {
                FilterRules: Match.arrayEquals([
                  { Name: 'suffix', Value: '.json' },
                  { Name: 'prefix', Value: 'Analysis/Voice/Redacted/' },
                ]),
              },
            },
            QueueArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AnalyticsImportAnalysisFilesQueue'), 'Arn'] },
          },
        ],
      },
    });
    expect(fnByHandler('import-analysis').props.Environment.Variables).toMatchObject({ CONTACT_LENS_OUTPUT: 'redacted' });
  });

  it('gives the call-logging functions the instance access URL for recording links, when the deployment names it', () => {
    const { template: linked } = synthCallwise({ connectAccessUrl: 'https://acme-contact.my.connect.aws' });
    expect(
      Object.keys(
        linked.findResources('AWS::Lambda::Function', {
          Properties: { Environment: { Variables: { CONNECT_ACCESS_URL: 'https://acme-contact.my.connect.aws' } } },
        }),
      ),
    ).toHaveLength(3);
    expect(fnByHandler('log-outcome').props.Environment.Variables).not.toHaveProperty('CONNECT_ACCESS_URL');
  });

  it('takes the whole voice prefix, and says so to the function, when the deployment imports the original files', () => {
    const { template: original } = synthCallwise({ contactLensOutput: 'original', contactLensPrefix: 'connect/acme/Analysis/Voice/' });
    expect(notificationPrefix(original)).toBe('connect/acme/Analysis/Voice/');
    const [fn] = Object.values(
      original.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { CONTACT_LENS_OUTPUT: 'original' } } } }),
    );
    expect(fn).toBeDefined();
  });

  it('runs close-fcr hourly, one run at a time, to close first-call-resolution windows', () => {
    const closeFcr = fnByHandler('close-fcr');
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [closeFcr.logicalId, 'Arn'] } })],
    });
    expect(closeFcr.props).toMatchObject({ ReservedConcurrentExecutions: 1, Handler: 'index.handler' });
  });

  it('indexes open first-call-resolution windows by day (sparse, keys only) on the Contacts table', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'contactId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'FcrOpen',
          KeySchema: [
            { AttributeName: 'fcrOpenDay', KeyType: 'HASH' },
            { AttributeName: 'contactId', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
  });

  it('runs sync-config on the schedule', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fnByHandler('sync-config').logicalId, 'Arn'] } })],
    });
  });

  it('runs the one queue-status reader every minute, one at a time, never retrying a missed minute', () => {
    const refresher = fnByHandler('refresh-queue-status');
    expect(refresher.props.ReservedConcurrentExecutions).toBe(1);
    expect(refresher.props.Environment.Variables).toMatchObject({
      [ENV.connectInstanceArn]: DEMO_INSTANCE_ARN,
      QUEUE_STATUS_TABLE: expect.anything(),
      POLICY_TABLE: expect.anything(),
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [refresher.logicalId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 } }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: refresher.logicalId },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 60,
    });
    // route-call reads the snapshot and asks Connect for no metrics itself.
    expect(fnByHandler('route-call').props.Environment.Variables).toMatchObject({ QUEUE_STATUS_TABLE: expect.anything() });
  });

  it('associates the live alias with the instance, without provisioned concurrency by default', () => {
    template.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live', ProvisionedConcurrencyConfig: Match.absent() });
    template.hasResourceProperties('AWS::Connect::IntegrationAssociation', {
      InstanceId: DEMO_INSTANCE_ARN,
      IntegrationType: 'LAMBDA_FUNCTION',
      IntegrationArn: { Ref: Match.stringLikeRegexp('^RoutingLive') },
    });
  });

  it('reserves 100 concurrent route-call containers and tells it to pause Salesforce lookups at 80% of the daily API limit', () => {
    const routeCall = template.toJSON().Resources[stack.getLogicalId(stack.routing.function.node.defaultChild as never)].Properties;
    expect(routeCall.ReservedConcurrentExecutions).toBe(100);
    expect(routeCall.Environment.Variables[ENV.salesforceLookupQuotaPercent]).toBe('80');
  });

  it('alarms when the org’s daily Salesforce API usage reaches 80% (route-call’s breaker threshold), to the alarm topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'SalesforceApiUsagePercent',
      Namespace: 'Callwise',
      Dimensions: [{ Name: 'service', Value: 'callwise' }],
      Statistic: 'Maximum',
      Threshold: 80,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^ObservabilityAlarmTopic') }],
    });
  });

  it('charts decision latency p99, degraded rate, cache hit rate, Salesforce API usage, DLQ depth and errors', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(stack.resolve(dashboard!.Properties.DashboardBody));
    for (const title of ['Decision latency p99', 'Degraded decisions', 'Profile cache hit rate', 'Salesforce API usage', 'Dead-letter queue depth', 'Errors'])
      expect(body).toContain(title);
    for (const metric of [
      'DecisionLatency',
      'DegradedDecision',
      'ProfileCacheHit',
      'SalesforceLookup',
      'CallsLogged',
      'ApproximateNumberOfMessagesVisible',
      'RoutingError',
    ])
      expect(body).toContain(metric);
    expect(body).toMatch(/DecisionLatency[^\]]{0,80}p99/);
  });

  it.each([
    ['dead-letter queue depth', { MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS', Threshold: 0 }],
    ['degraded rate', { MetricName: 'DegradedDecision', Namespace: 'Callwise', Statistic: 'Average', Threshold: 0.1, EvaluationPeriods: 3 }],
    ['rejected routing configuration', { MetricName: 'PolicyRejected', Namespace: 'Callwise', Threshold: 0 }],
  ])('alarms on %s, to the alarm topic', (_name, props) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...props,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^ObservabilityAlarmTopic') }],
    });
  });

  it('alarms on errors of each of the eight functions', () => {
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Namespace: 'AWS/Lambda', Threshold: 0 }, 8);
  });

  it('encrypts the alarm topic with a rotated key CloudWatch may use, and requires TLS', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ObservabilityAlarmTopicKey'), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } })]) },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('matches the normalised template snapshot', () => {
    expect(normalisedTemplate(template)).toMatchSnapshot();
  });
});
