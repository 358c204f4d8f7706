import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { CallwiseStack } from './callwise-stack';
import type { CallwiseFunction } from './callwise-function';
import { connectArns } from './connect-instance';
import { isCompleteSecretArn } from './secrets';
import { contactLensImportPrefix } from './settings';

/**
 * Every cdk-nag (AwsSolutions) finding Callwise accepts, with its reason, in one place. Anything
 * not acknowledged here fails `cdk synth` and the cdk-nag test.
 */
export interface NagAcknowledgement {
  /** Construct path relative to the stack, e.g. 'Routing/RouteCallRole'. */
  scope: string;
  id: string;
  reason: string;
}

const NODE_22 =
  'Callwise targets the nodejs22.x runtime on purpose (DESIGN.md toolchain facts); move every function at once through CallwiseFunction when upgrading.';
const XRAY = 'AWS X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions; CDK adds them for Tracing.ACTIVE.';

/** A construct's path below the stack. */
function pathOf(construct: IConstruct): string {
  return construct.node.path.split('/').slice(1).join('/');
}

const policyOf = (fn: CallwiseFunction): string => pathOf(fn.role!);

export function nagAcknowledgements(stack: CallwiseStack): NagAcknowledgement[] {
  const { settings } = stack;
  const arns = connectArns(settings.connectInstanceArn);
  const functions = [
    stack.routing.function,
    stack.callLogging.function,
    stack.analyticsImport.function,
    stack.configSync.function,
    stack.callLogging.closeFcr.function,
    stack.queueStatus.function,
    stack.directorySync.function,
    stack.directorySync.reconcile,
  ];
  const acks: NagAcknowledgement[] = [];
  for (const fn of functions) {
    acks.push({ scope: pathOf(fn), id: 'AwsSolutions-L1', reason: NODE_22 });
    acks.push({ scope: policyOf(fn), id: 'AwsSolutions-IAM5[Resource::*]', reason: XRAY });
  }
  acks.push({
    scope: policyOf(stack.queueStatus.function),
    id: `AwsSolutions-IAM5[Resource::${arns.queues}]`,
    reason:
      'The one queue-status refresher reads live metrics (GetCurrentMetricData) of the queues the policy names, which change without a redeploy; scoped to queues of this one instance.',
  });
  for (const fn of [stack.callLogging.function, stack.analyticsImport.function, stack.callLogging.closeFcr.function]) {
    acks.push({
      scope: policyOf(fn),
      id: `AwsSolutions-IAM5[Resource::${arns.contacts}]`,
      reason:
        'Call logging describes whichever contact an event names (DescribeContact, GetContactAttributes); contact ids are not known in advance; scoped to contacts of this one instance.',
    });
    acks.push({
      scope: policyOf(fn),
      id: `AwsSolutions-IAM5[Resource::${arns.queues}]`,
      reason:
        'Call logging names the queue a contact waited in (DescribeQueue, cached) when the routing decision does not; events carry only the queue ARN; scoped to queues of this one instance.',
    });
  }
  acks.push({
    scope: policyOf(stack.analyticsImport.function),
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${settings.contactLensBucketName}/${contactLensImportPrefix(settings)}*]`,
    reason:
      'import-analysis reads the Contact Lens files S3 announces; their keys are not known in advance; s3:GetObject only, under the Contact Lens prefix only.',
  });
  const secret = settings.salesforceSecret;
  if (!isCompleteSecretArn(secret)) {
    const partialArn = secret.startsWith('arn:') ? secret : `arn:<AWS::Partition>:secretsmanager:${settings.region}:${settings.account}:secret:${secret}`;
    // The queue-status refresher reads no secret.
    for (const fn of functions.filter((f) => f !== stack.queueStatus.function)) {
      acks.push({
        scope: policyOf(fn),
        id: `AwsSolutions-IAM5[Resource::${partialArn}-??????]`,
        reason: 'The secret is referenced by name or partial ARN, so its 6-character suffix is unknown; the wildcard matches only that suffix.',
      });
    }
  }
  // CDK's singleton that puts S3 notifications on an existing bucket (analytics import).
  const notifications = stack.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
  if (notifications) {
    acks.push(
      {
        scope: `${notifications.node.id}/Role`,
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's own custom resource that adds the S3 notification to the existing Contact Lens bucket; it only needs to write its logs.",
      },
      {
        scope: `${notifications.node.id}/Role`,
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: "CDK's bucket-notification custom resource calls s3:PutBucketNotification on the imported bucket; CDK generates this policy.",
      },
    );
  }
  return acks;
}

export class NagAcknowledgementError extends Error {
  constructor(id: string, scope: string) {
    super(`cdk-nag acknowledgement ${id}: no construct at ${scope}; update infra/lib/nag-acknowledgements.ts after moving constructs`);
    this.name = 'NagAcknowledgementError';
  }
}

/** Applies the acknowledgements to their constructs (cdk-nag 3 reads them via Validations). */
export function acknowledgeNagFindings(stack: CallwiseStack): void {
  for (const ack of nagAcknowledgements(stack)) {
    const target: IConstruct | undefined = ack.scope.split('/').reduce<IConstruct | undefined>((node, id) => node?.node.tryFindChild(id), stack);
    if (!target) throw new NagAcknowledgementError(ack.id, ack.scope);
    Validations.of(target).acknowledge({ id: ack.id, reason: ack.reason });
  }
}
