import { permissionsOf, synthCallwise } from './synth';

const OTHER = { connectInstanceArn: 'arn:aws:connect:eu-west-2:444455556666:instance/0f1e2d3c-4b5a', contactLensBucketName: 'acme-connect-eu' };

describe.each([
  ['the defaults', {}, '111122223333', 'amazon-connect-demo-bucket'],
  ['another account and bucket', OTHER, '444455556666', 'acme-connect-eu'],
])('analytics import with %s', (_name, context, account, bucket) => {
  const { stack, template } = synthCallwise(context);
  const logicalId = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
  const bucketArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${bucket}`]] };

  it('lets S3 send to the analysis queue only for that bucket of that account (aws:SourceArn and aws:SourceAccount)', () => {
    const queueId = logicalId(stack.analyticsImport.consumer.queue);
    const [policy] = Object.values(template.findResources('AWS::SQS::QueuePolicy')).filter(
      (p) => JSON.stringify(p.Properties.Queues) === JSON.stringify([{ Ref: queueId }]),
    );
    const fromS3 = (policy!.Properties.PolicyDocument.Statement as { Principal?: { Service?: string } }[]).filter(
      (s) => s.Principal?.Service === 's3.amazonaws.com',
    );
    expect(fromS3).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
        Condition: { ArnLike: { 'aws:SourceArn': bucketArn }, StringEquals: { 'aws:SourceAccount': account } },
      },
    ]);
  });

  it('reads Contact Lens files only from a bucket this account owns (s3:ResourceAccount)', () => {
    const reads = permissionsOf(template, logicalId(stack.analyticsImport.function.role!)).filter((p) => p.action.startsWith('s3:'));
    expect(reads).toEqual([
      {
        action: 's3:GetObject',
        resource: JSON.stringify({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${bucket}/Analysis/Voice/Redacted/*`]] }),
        condition: { StringEquals: { 's3:ResourceAccount': account } },
      },
    ]);
  });

  it('tells import-analysis the one bucket it may read', () => {
    const env = template.toJSON().Resources[logicalId(stack.analyticsImport.function)].Properties.Environment.Variables;
    expect(env.CONTACT_LENS_BUCKET).toBe(bucket);
  });
});
