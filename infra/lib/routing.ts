import { Duration } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnIntegrationAssociation } from 'aws-cdk-lib/aws-connect';
import { Alias, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ENV } from '../../functions/src/platform/settings';
import { CallwiseFunction } from './callwise-function';
import type { Data } from './data';
import type { SalesforceSecret } from './secrets';
import type { CallwiseSettings } from './settings';

/** Connect waits at most 8 s for a Lambda; route-call answers by its deadline (2 s by default), so 3 s is ample. */
export const ROUTE_CALL_TIMEOUT = Duration.seconds(3);
export const ROUTE_CALL_MEMORY_MB = 1024;

export interface RoutingProps {
  settings: CallwiseSettings;
  data: Data;
  secret: SalesforceSecret;
}

/**
 * route-call, as Amazon Connect sees it: the `live` alias (optionally with provisioned concurrency),
 * associated with the instance and invocable by that instance only.
 */
export class Routing extends Construct {
  readonly function: CallwiseFunction;
  readonly alias: Alias;
  /** Lets the instance's flows invoke the alias; a flow that invokes it must be created after it. */
  readonly integration: CfnIntegrationAssociation;

  constructor(scope: Construct, id: string, props: RoutingProps) {
    super(scope, id);
    const { settings } = props;
    this.function = new CallwiseFunction(this, 'RouteCall', {
      handlerName: 'route-call',
      description: 'Callwise route-call: decides where an Amazon Connect call goes (invoked by the contact flow)',
      timeout: ROUTE_CALL_TIMEOUT,
      memorySize: ROUTE_CALL_MEMORY_MB,
      logRetention: settings.logRetentionDays,
      environment: {
        [ENV.connectInstanceArn]: settings.connectInstanceArn,
        [ENV.fallbackQueueArn]: settings.fallbackQueueArn,
        [ENV.salesforcePersonAccounts]: String(settings.salesforcePersonAccounts),
        [ENV.salesforceLookupQuotaPercent]: String(settings.salesforceLookupQuotaPercent),
        ...(settings.routingDeadlineMs ? { [ENV.routingDeadlineMs]: String(settings.routingDeadlineMs) } : {}),
      },
    });
    // A call flood is throttled by Connect (the flow's error branch) before it takes the account's concurrency.
    (this.function.node.defaultChild as CfnFunction).reservedConcurrentExecutions = settings.routeCallReservedConcurrency;
    // Queue status comes from the QueueStatus table (the one refresher's snapshot), never from Connect directly.
    // Profile cache get/put/lease, decision save, caller history read/record, policy and queue-status reads, directory lookup.
    props.data.connect(this.function, {
      Profiles: ['GetItem', 'PutItem', 'UpdateItem'],
      Contacts: ['UpdateItem'],
      CallerHistory: ['Query', 'UpdateItem'],
      Policy: ['GetItem'],
      QueueStatus: ['GetItem'],
      CallerDirectory: ['BatchGetItem'],
    });
    props.secret.connect(this.function);

    this.alias = new Alias(this, 'Live', {
      aliasName: 'live',
      version: this.function.currentVersion,
      ...(settings.provisionedConcurrency > 0 ? { provisionedConcurrentExecutions: settings.provisionedConcurrency } : {}),
    });
    this.alias.addPermission('InvokedByConnectInstance', {
      principal: new ServicePrincipal('connect.amazonaws.com'),
      sourceArn: settings.connectInstanceArn,
      sourceAccount: settings.account,
    });
    this.integration = new CfnIntegrationAssociation(this, 'ConnectIntegration', {
      instanceId: settings.connectInstanceArn,
      integrationType: 'LAMBDA_FUNCTION',
      integrationArn: this.alias.functionArn,
    });
  }
}
