import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { ENV } from '../../platform/settings';

/** A Contact Lens output file read from S3, with the key it was read from. */
export interface AnalysisObject {
  key: string;
  body: string;
}

/** A notification naming a bucket other than the deployment's: nothing in it is read, and it is parked with this reason. */
export class UnexpectedBucketError extends Error {
  constructor(named: string, expected: string) {
    super(`S3 notification names bucket "${named}", not the Contact Lens bucket "${expected}" (${ENV.contactLensBucket}): not read`);
    this.name = 'UnexpectedBucketError';
  }
}

/**
 * The objects named in one queued S3 "object created" notification (an s3:TestEvent names none), read
 * from `bucket` only: every record is checked before the first GetObject.
 */
export async function readNotifiedObjects(s3: S3Client, notificationBody: string, bucket: string | undefined): Promise<AnalysisObject[]> {
  if (!bucket) throw new Error(`${ENV.contactLensBucket} is not set: import-analysis reads no bucket`);
  const records = (JSON.parse(notificationBody) as Partial<S3Event>).Records ?? [];
  for (const r of records) if (r.s3?.bucket?.name !== bucket) throw new UnexpectedBucketError(String(r.s3?.bucket?.name ?? ''), bucket);
  return Promise.all(
    records.map(async (r) => {
      // S3 URL-encodes keys in notifications, spaces as '+'.
      const key = decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '));
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return { key, body: await object.Body!.transformToString() };
    }),
  );
}
