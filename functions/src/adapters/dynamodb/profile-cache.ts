import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CallerProfile, CallerProfileSchema } from '../../domain/routing/caller-profile';
import type { CachedProfile, Clock, ProfileCache } from '../../ports';
import { callTable, ttlAfter } from './client';

/** A stale entry outlives its expiry by this much, so it can still answer while Salesforce is down. */
const STALE_GRACE_SECONDS = 7 * 86_400;
/** An item holding only a lease (its load never finished) is removed after a day. */
const LEASE_ITEM_TTL_SECONDS = 86_400;

/**
 * Caller profiles by E.164 number in the Profiles table, unknown numbers included (negative cache).
 * Item: { phone, profile, expiresAt (epoch s), ttl (7 days after expiry), leaseUntil (epoch ms) }.
 * An item that does not hold a valid profile (corrupt, or a lease only) reads as a miss.
 */
export class DynamoDbProfileCache implements ProfileCache {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    /** Told when a stored profile no longer validates (it is then treated as a miss). */
    private readonly onCorrupt?: (error: Error) => void,
  ) {}

  async get(phoneE164: string): Promise<CachedProfile | undefined> {
    const out = await callTable(this.tableName, 'GetItem', () =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: { phone: phoneE164 }, ConsistentRead: true, ProjectionExpression: 'profile, expiresAt' })),
    );
    const item = out.Item;
    if (!item || item.profile === undefined) return undefined;
    const parsed = CallerProfileSchema.safeParse(item.profile);
    if (!parsed.success || typeof item.expiresAt !== 'number' || parsed.data.phoneE164 !== phoneE164) {
      this.onCorrupt?.(
        new CorruptCacheEntryError(this.tableName, parsed.success ? 'expiresAt or phone does not match' : (parsed.error.issues[0]?.message ?? 'invalid')),
      );
      return undefined;
    }
    return { profile: parsed.data, expiresAt: item.expiresAt };
  }

  /** Stores the profile (replacing the item, so any lease on the number ends with it). */
  async put(profile: CallerProfile, ttlSeconds: number): Promise<void> {
    const ttl = Math.max(0, Math.round(ttlSeconds));
    const expiresAt = Math.floor(this.clock.now().getTime() / 1000) + ttl;
    await callTable(this.tableName, 'PutItem', () =>
      this.doc.send(
        new PutCommand({ TableName: this.tableName, Item: { phone: profile.phoneE164, profile, expiresAt, ttl: ttlAfter(ttl + STALE_GRACE_SECONDS) } }),
      ),
    );
  }

  /** False while another loader holds an unexpired lease, or while a fresh profile is stored. */
  async tryLease(phoneE164: string, leaseMs: number): Promise<boolean> {
    const now = this.clock.now().getTime();
    try {
      await callTable(this.tableName, 'UpdateItem', () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { phone: phoneE164 },
            UpdateExpression: 'SET leaseUntil = :until, #ttl = if_not_exists(#ttl, :itemTtl)',
            // No lease while a fresh profile is stored: a loader that missed just before it landed waits for it instead.
            ConditionExpression: '(attribute_not_exists(leaseUntil) OR leaseUntil < :now) AND (attribute_not_exists(expiresAt) OR expiresAt <= :nowSeconds)',
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: { ':until': now + leaseMs, ':now': now, ':nowSeconds': now / 1000, ':itemTtl': ttlAfter(LEASE_ITEM_TTL_SECONDS) },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

export class CorruptCacheEntryError extends Error {
  constructor(table: string, detail: string) {
    super(`A cached profile in ${table} is not valid (${detail}): it is ignored and reloaded from Salesforce`);
    this.name = 'CorruptCacheEntryError';
  }
}
