import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CorruptCacheEntryError, DynamoDbProfileCache } from '../../../functions/src/adapters/dynamodb/profile-cache';
import { ProfileLoader } from '../../../functions/src/routing/profile-loader';
import { BUNDLED_POLICY } from '../../../functions/src/platform/live-policy';
import { unknownCaller, type CallerProfile } from '../../../functions/src/domain/routing/caller-profile';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../local/dynamodb';
import { expectTtlIn, JVM_START, pinRealTime, PINNED_REAL_TIME, JVM_START_TEST_TIMEOUT, knownCaller, ManualClock } from './support';

const SEVEN_DAYS = 7 * 86_400;

describe('DynamoDbProfileCache (DynamoDB Local)', () => {
  let db: DynamoDbLocal;
  let table: string;
  let clock: ManualClock;
  let cache: DynamoDbProfileCache;
  const corrupt: Error[] = [];
  let n = 0;
  /** A fresh number per test, so tests do not see each other's items. */
  const phone = () => `+1202555${String(1000 + ++n)}`;

  beforeAll(async () => {
    db = await startDynamoDbLocal({ tablePrefix: 'profile-cache-', ...JVM_START });
    pinRealTime();
    table = db.tableNames.Profiles;
  }, JVM_START_TEST_TIMEOUT);
  afterAll(async () => {
    jest.useRealTimers();
    await db?.stop();
  });
  beforeEach(() => {
    clock = new ManualClock(PINNED_REAL_TIME);
    corrupt.length = 0;
    cache = new DynamoDbProfileCache(db.doc, table, clock, (error) => corrupt.push(error));
  });

  it('misses a number it has never seen', async () => {
    expect(await cache.get(phone())).toBeUndefined();
  });

  it.each([
    ['a known caller', (p: string) => knownCaller(p)],
    ['an unknown number (negative cache)', (p: string) => unknownCaller(p, '2026-03-02T10:00:00.000Z')],
  ])('returns %s as stored, expiring ttlSeconds from now and kept 7 days longer', async (_, make) => {
    const number = phone();
    const profile: CallerProfile = make(number);
    const nowSeconds = clock.now().getTime() / 1000;

    await cache.put(profile, 300);
    const hit = await cache.get(number);
    const raw = await db.doc.send(new GetCommand({ TableName: table, Key: { phone: number } }));

    expect(hit).toEqual({ profile, expiresAt: nowSeconds + 300 });
    expectTtlIn(raw.Item?.ttl, 300 + SEVEN_DAYS);
  });

  it('still returns an expired entry (stale, for when Salesforce is down); the expiry tells it apart', async () => {
    const number = phone();
    await cache.put(knownCaller(number), 60);
    clock.advance(61_000);
    const entry = await cache.get(number);
    expect(entry?.profile.known).toBe(true);
    expect(entry!.expiresAt).toBeLessThan(clock.now().getTime() / 1000);
  });

  it.each<[string, (phone: string) => Record<string, unknown>]>([
    ['a profile missing required fields', (p) => ({ phone: p, profile: { phoneE164: p, known: 'yes' }, expiresAt: 2_000_000_000 })],
    ['a profile stored as text', (p) => ({ phone: p, profile: JSON.stringify(knownCaller(p)), expiresAt: 2_000_000_000 })],
    ['no expiry', (p) => ({ phone: p, profile: knownCaller(p) })],
    ['another number’s profile', (p) => ({ phone: p, profile: knownCaller('+12025550000'), expiresAt: 2_000_000_000 })],
  ])('treats an item with %s as a miss and reports it', async (_, item) => {
    const number = phone();
    await db.doc.send(new PutCommand({ TableName: table, Item: item(number) }));
    expect(await cache.get(number)).toBeUndefined();
    expect(corrupt).toHaveLength(1);
    expect(corrupt[0]).toBeInstanceOf(CorruptCacheEntryError);
    expect(corrupt[0]!.message).not.toContain(number);
  });

  it('lets exactly one of 20 concurrent callers take the lease', async () => {
    const number = phone();
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.tryLease(number, 3_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await cache.get(number)).toBeUndefined();
    expect(corrupt).toHaveLength(0);
  });

  it('frees the lease once it expires', async () => {
    const number = phone();
    expect(await cache.tryLease(number, 3_000)).toBe(true);
    clock.advance(2_999);
    expect(await cache.tryLease(number, 3_000)).toBe(false);
    clock.advance(2);
    expect(await cache.tryLease(number, 3_000)).toBe(true);
  });

  it('refuses the lease while a fresh profile is stored (a late loader waits for it instead), and keeps the profile', async () => {
    const number = phone();
    expect(await cache.tryLease(number, 3_000)).toBe(true);
    await cache.put(knownCaller(number), 300);
    expect(await cache.tryLease(number, 3_000)).toBe(false);
    clock.advance(300_000);
    expect(await cache.tryLease(number, 3_000)).toBe(true);
    expect((await cache.get(number))?.profile).toEqual(knownCaller(number));
  });

  it('lets ten loaders (as in ten Lambda instances) ask Salesforce once for one number', async () => {
    const number = phone();
    let lookups = 0;
    const directory = { findCaller: async (p: string) => (lookups++, await new Promise((r) => setTimeout(r, 50)), knownCaller(p)) };
    const loaders = Array.from(
      { length: 10 },
      () => new ProfileLoader(new DynamoDbProfileCache(db.doc, table, clock), directory, clock, { waitStepMs: 25, waitSteps: 40 }),
    );

    const loaded = await Promise.all(loaders.map((loader) => loader.load(number, BUNDLED_POLICY)));

    expect(lookups).toBe(1);
    expect(loaded.map((l) => l.source).sort()).toEqual([...Array(9).fill('cache'), 'salesforce']);
  });

  it('keeps a lease taken by a simulation set in the past until it expires (TTLs count from the real time)', async () => {
    const past = new DynamoDbProfileCache(db.doc, table, new ManualClock(new Date(PINNED_REAL_TIME.getTime() - 30 * 86_400_000)));
    const number = phone();
    expect(await past.tryLease(number, 3_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await past.tryLease(number, 3_000)).toBe(false);
  });
});
