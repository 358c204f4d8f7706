import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';

/** A Contact Lens output file read from S3, with the key it was read from. */
export interface AnalysisObject {
  key: string;
  body: string;
}

/** The objects named in one queued S3 "object created" notification (an s3:TestEvent names none). */
export async function readNotifiedObjects(s3: S3Client, notificationBody: string): Promise<AnalysisObject[]> {
  const notification = JSON.parse(notificationBody) as Partial<S3Event>;
  return Promise.all(
    (notification.Records ?? []).map(async (r) => {
      // S3 URL-encodes keys in notifications, spaces as '+'.
      const key = decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '));
      const object = await s3.send(new GetObjectCommand({ Bucket: r.s3.bucket.name, Key: key }));
      return { key, body: await object.Body!.transformToString() };
    }),
  );
}
