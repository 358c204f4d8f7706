import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  QueryCommand,
  type QueryCommandOutput,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { FCR_OPEN_INDEX } from '../../platform/settings';
import { daysFrom } from '../../domain/outcome/outcome';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { ContactRecord, ContactRecordChange, ContactStateStore } from '../../ports';

/**
 * Contact state in the Contacts table, in attributes beside the routing `decision` (which this store
 * never touches): `contactState`, `analysis`, `details` (JSON), `fcr`, `taskCreated`, `taskFingerprint`,
 * `stateVersion`, and `fcrOpenDay` (the sparse FcrOpen index: calls whose FCR window is open, by the day
 * they began; removed once close-fcr has written the window's outcome). Every write is an UpdateItem conditioned on the version it read.
 */
const ATTRS = ['contactId', 'contactState', 'analysis', 'details', 'fcr', 'taskCreated', 'taskFingerprint', 'analysisSent', 'stateVersion'];
const MAX_ATTEMPTS = 8;
/** Upper bound of the first retry's random wait (ms); it grows with each attempt. */
const BACKOFF_MS = 10;

export class ContactStateConflictError extends Error {
  constructor(contactId: string) {
    super(`Contact ${contactId} kept changing under concurrent writers after ${MAX_ATTEMPTS} attempts: the message will be retried`);
    this.name = 'ContactStateConflictError';
  }
}

function fromItem(contactId: string, item: Record<string, unknown> | undefined): ContactRecord {
  return {
    contactId,
    state: typeof item?.contactState === 'string' ? JSON.parse(item.contactState) : undefined,
    analysis: typeof item?.analysis === 'string' ? JSON.parse(item.analysis) : undefined,
    details: typeof item?.details === 'string' ? JSON.parse(item.details) : undefined,
    firstCallResolution: typeof item?.fcr === 'boolean' ? item.fcr : undefined,
    taskCreated: item?.taskCreated === true,
    taskFingerprint: typeof item?.taskFingerprint === 'string' ? item.taskFingerprint : undefined,
    analysisSent: item?.analysisSent === true,
    version: typeof item?.stateVersion === 'number' ? item.stateVersion : 0,
  };
}

export class DynamoDbContactStateStore implements ContactStateStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getMany(contactIds: string[]): Promise<Map<string, ContactRecord>> {
    const found = new Map<string, ContactRecord>();
    const unique = [...new Set(contactIds)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((contactId) => ({ contactId }));
      while (keys?.length) {
        const out: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true, ProjectionExpression: ATTRS.join(', ') } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) found.set(item.contactId as string, fromItem(item.contactId as string, item));
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    for (const id of unique) if (!found.has(id)) found.set(id, fromItem(id, undefined));
    return found;
  }

  private async getOne(contactId: string): Promise<ContactRecord> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { contactId }, ConsistentRead: true, ProjectionExpression: ATTRS.join(', ') }),
    );
    return fromItem(contactId, out.Item);
  }

  async update(contactId: string, change: (current: ContactRecord) => ContactRecordChange | undefined, known?: ContactRecord): Promise<ContactRecord> {
    let current = known ?? (await this.getOne(contactId));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const delta = change(current);
      if (!delta || Object.keys(delta).length === 0) return current;
      const sets = ['stateVersion = :next'];
      const values: Record<string, unknown> = { ':next': current.version + 1 };
      const set = (attribute: string, value: unknown) => {
        sets.push(`${attribute} = :${attribute}`);
        values[`:${attribute}`] = value;
      };
      if (delta.state) set('contactState', JSON.stringify(delta.state));
      if (delta.analysis) set('analysis', JSON.stringify(delta.analysis));
      if (delta.details) set('details', JSON.stringify(delta.details));
      if (delta.firstCallResolution !== undefined) set('fcr', delta.firstCallResolution);
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { contactId },
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: current.version === 0 ? 'attribute_not_exists(stateVersion)' : 'stateVersion = :current',
            ExpressionAttributeValues: current.version === 0 ? values : { ...values, ':current': current.version },
          }),
        );
        return { ...current, ...delta, version: current.version + 1 };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // Back off with jitter so writers racing on one contact spread out instead of colliding again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * BACKOFF_MS * attempt));
        current = await this.getOne(contactId);
      }
    }
    throw new ContactStateConflictError(contactId);
  }

  async markSynced(contactId: string, fingerprint: string, analysisSent = false): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { contactId },
        UpdateExpression: 'SET taskCreated = :true, taskFingerprint = :fp, analysisSent = :analysis',
        ExpressionAttributeValues: { ':true': true, ':fp': fingerprint, ':analysis': analysisSent },
      }),
    );
  }

  async openFcrWindow(contactId: string, startedAt: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { contactId },
          UpdateExpression: 'SET fcrOpenDay = :day',
          ConditionExpression: 'attribute_exists(contactId)',
          ExpressionAttributeValues: { ':day': startedAt.slice(0, 10) },
        }),
      );
    } catch (error) {
      // No contact item (nothing was logged): nothing to open.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async closeFcrWindow(contactId: string): Promise<void> {
    await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: { contactId }, UpdateExpression: 'REMOVE fcrOpenDay' }));
  }

  async openFcrWindows(fromDay: string, throughDay: string): Promise<string[]> {
    const ids: string[] = [];
    for (const day of daysFrom(fromDay, throughDay)) {
      let start: Record<string, unknown> | undefined;
      do {
        const out: QueryCommandOutput = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: FCR_OPEN_INDEX.name,
            KeyConditionExpression: 'fcrOpenDay = :day',
            ExpressionAttributeValues: { ':day': day },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) ids.push(item.contactId as string);
        start = out.LastEvaluatedKey;
      } while (start);
    }
    return ids;
  }
}
