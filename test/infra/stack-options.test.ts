import { Match } from 'aws-cdk-lib/assertions';
import { TABLES, ENV } from '../../functions/src/platform/settings';
import { synthCallwise } from './synth';

/** The stack with every deployment option (CDK context) set away from its default; the defaults are in stack.test.ts. */
describe('Callwise stack options', () => {
  const { stack: custom, template: t } = synthCallwise({
    provisionedConcurrency: '2',
    routeCallReservedConcurrency: '250',
    salesforceLookupQuotaPercent: '65',
    routingDeadlineMs: '1500',
    salesforcePersonAccounts: 'true',
    tableEncryption: 'customer-managed',
    logRetentionDays: '90',
    syncSchedule: 'rate(10 minutes)',
    alarmEmail: 'contact-centre-ops@example.com',
  });

  it('puts provisioned concurrency on the live alias', () => {
    t.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live', ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 } });
  });

  it('reserves the configured concurrency and moves the breaker threshold and the API-usage alarm together', () => {
    const routeCall = t.toJSON().Resources[custom.getLogicalId(custom.routing.function.node.defaultChild as never)].Properties;
    expect(routeCall.ReservedConcurrentExecutions).toBe(250);
    expect(routeCall.Environment.Variables[ENV.salesforceLookupQuotaPercent]).toBe('65');
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'SalesforceApiUsagePercent', Threshold: 65 });
  });

  it('passes the deadline override to route-call only, Person Accounts to route-call and the directory functions', () => {
    const envOf = (fn: { node: { defaultChild?: unknown } }) =>
      t.toJSON().Resources[custom.getLogicalId(fn.node.defaultChild as never)].Properties.Environment.Variables;
    expect(envOf(custom.routing.function)).toMatchObject({ [ENV.routingDeadlineMs]: '1500', [ENV.salesforcePersonAccounts]: 'true' });
    for (const fn of [custom.directorySync.function, custom.directorySync.reconcile]) expect(envOf(fn)[ENV.salesforcePersonAccounts]).toBe('true');
    const others = [custom.callLogging.function, custom.analyticsImport.function, custom.configSync.function].map(
      (fn) => t.toJSON().Resources[custom.getLogicalId(fn.node.defaultChild as never)].Properties.Environment.Variables,
    );
    for (const env of others) expect(env[ENV.routingDeadlineMs]).toBeUndefined();
  });

  it('encrypts every table with one rotated customer-managed key', () => {
    t.resourcePropertiesCountIs(
      'AWS::DynamoDB::Table',
      { SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataTablesKey'), 'Arn'] } } },
      TABLES.length,
    );
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: 'Callwise DynamoDB tables' });
  });

  it('applies log retention, schedule and alarm e-mail', () => {
    t.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 90 }, 8);
    t.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(10 minutes)' });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'contact-centre-ops@example.com' });
  });
});
