import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Bucket,
  type BucketNotificationDestinationConfig,
  BucketNotificationDestinationType,
  EventType,
  type IBucketNotificationDestination,
  type IBucketRef,
} from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type CallLoggingProps, callLoggingFunction } from './call-logging';
import type { CallwiseFunction } from './callwise-function';
import { QueuedConsumer } from './queued-consumer';
import { contactLensImportPrefix } from './settings';
import { ENV } from '../../functions/src/platform/settings';

export interface AnalyticsImportProps extends CallLoggingProps {
  deadLetterQueue: IQueue;
}

/**
 * Contact Lens post-call files: S3 "object created" notifications for the existing bucket and prefix
 * → encrypted SQS queue → import-analysis, which reads each file (s3:GetObject on that prefix only).
 * With contactLensOutput=redacted (the default) the prefix is <contactLensPrefix>Redacted/: the original,
 * unredacted file is neither notified nor readable.
 * The handler expects S3 notification JSON in each message; on an existing bucket CDK adds the
 * notification with its own custom resource, keeping the bucket's other notifications.
 */
export class AnalyticsImport extends Construct {
  readonly function: CallwiseFunction;
  readonly consumer: QueuedConsumer;

  constructor(scope: Construct, id: string, props: AnalyticsImportProps) {
    super(scope, id);
    const { settings } = props;
    this.function = callLoggingFunction(this, 'ImportAnalysis', {
      handlerName: 'import-analysis',
      description: 'Callwise import-analysis: Contact Lens post-call files → the same Call Tasks in Salesforce',
      props,
    });
    this.consumer = new QueuedConsumer(this, 'AnalysisFiles', {
      consumer: this.function,
      deadLetterQueue: props.deadLetterQueue,
      batchSize: 200,
      maxBatchingWindow: Duration.seconds(20),
      maxConcurrency: 3,
    });
    this.function.addEnvironment(ENV.contactLensOutput, settings.contactLensOutput);
    const prefix = contactLensImportPrefix(settings);
    const bucket = Bucket.fromBucketName(this, 'ContactLensBucket', settings.contactLensBucketName);
    bucket.addEventNotification(EventType.OBJECT_CREATED, new SameAccountQueueDestination(this.consumer.queue), { prefix, suffix: '.json' });
    this.function.addEnvironment(ENV.contactLensBucket, settings.contactLensBucketName);
    // Only a bucket of this account: a bucket of that name elsewhere is never read.
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects(`${prefix}*`)],
        conditions: { StringEquals: { 's3:ResourceAccount': Stack.of(this).account } },
      }),
    );
    if (settings.contactLensKeyArn) {
      this.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [settings.contactLensKeyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${settings.region}.amazonaws.com` } },
        }),
      );
    }
  }
}

/**
 * S3 → SQS as CDK's SqsDestination, with the confused-deputy guard S3's own example policy uses: S3
 * may send only for this bucket (aws:SourceArn) of this account (aws:SourceAccount) ("Granting
 * permissions to publish event notification messages to a destination", Amazon S3 User Guide).
 */
class SameAccountQueueDestination implements IBucketNotificationDestination {
  constructor(private readonly queue: IQueue) {}

  bind(scope: Construct, bucket: IBucketRef): BucketNotificationDestinationConfig {
    const conditions = { ArnLike: { 'aws:SourceArn': bucket.bucketRef.bucketArn }, StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } };
    this.queue.grantSendMessages(new ServicePrincipal('s3.amazonaws.com', { conditions }));
    return { arn: this.queue.queueArn, type: BucketNotificationDestinationType.QUEUE, dependencies: [this.queue] };
  }
}
