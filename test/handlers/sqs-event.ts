import type { SQSEvent } from 'aws-lambda';

/** An SQS event as Lambda's event source mapping delivers it: one record per body (JSON), received once. */
export const sqsEvent = (bodies: unknown[], queue = 'callwise-contact-events'): SQSEvent => ({
  Records: bodies.map((b, i) => ({
    messageId: `m-${i}`,
    receiptHandle: `r-${i}`,
    body: JSON.stringify(b),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:eu-west-1:111122223333:${queue}`,
    awsRegion: 'eu-west-1',
  })),
});
