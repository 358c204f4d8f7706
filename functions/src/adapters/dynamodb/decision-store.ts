import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RoutingDecision } from '../../domain/routing/routing-decision';
import type { Clock, DecisionStore } from '../../ports';
import { callTable, ttlAfter } from './client';

/**
 * Routing decisions by ContactId, in the `decision` attribute of the Contacts item. Call logging keeps
 * the contact's state in other attributes of the same item (adapters/dynamodb/contact-state.ts), so a
 * save SETs only `decision` (and `ttl` when the item has none): it never overwrites that state.
 */
export class DynamoDbDecisionStore implements DecisionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Not read: TTLs count from the wall clock (see ttlAfter); taken so every DynamoDB adapter is built alike. */
    protected readonly clock: Clock,
    private readonly ttlDays = 30,
  ) {}

  async save(decision: RoutingDecision): Promise<void> {
    if (!decision.contactId) throw new MissingContactIdError();
    const ttl = ttlAfter(this.ttlDays * 86_400);
    await callTable(this.tableName, 'UpdateItem', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { contactId: decision.contactId },
          UpdateExpression: 'SET #decision = :decision, #ttl = if_not_exists(#ttl, :ttl)',
          ExpressionAttributeNames: { '#decision': 'decision', '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':decision': decision, ':ttl': ttl },
        }),
      ),
    );
  }

  async get(contactId: string): Promise<RoutingDecision | undefined> {
    if (!contactId) return undefined;
    const out = await callTable(this.tableName, 'GetItem', () =>
      this.doc.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { contactId },
          ProjectionExpression: '#decision',
          ExpressionAttributeNames: { '#decision': 'decision' },
        }),
      ),
    );
    const decision = out.Item?.decision as RoutingDecision | undefined;
    return decision && typeof decision === 'object' && decision.contactId === contactId ? decision : undefined;
  }
}

export class MissingContactIdError extends Error {
  constructor() {
    super('A routing decision without a ContactId cannot be stored: call logging finds decisions by ContactId');
    this.name = 'MissingContactIdError';
  }
}
