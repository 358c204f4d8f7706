import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SalesforceCredentials } from '../../functions/src/adapters/salesforce/secrets';

/**
 * The emulated connected app: one RSA key pair (made once, kept in memory for the process and shared through a
 * file in the temp directory with other local processes), JWT bearer verification, issued sessions.
 */

export const LOCAL_CLIENT_ID = 'callwise-local';
export const LOCAL_USERNAME = 'integration@callwise.demo';
/** A user of the emulated org that the External Client App's policies do not admit (not pre-authorised). */
export const UNAPPROVED_USERNAME = 'rep@callwise.demo';
/** The audience the emulated org accepts by default, as a production org does. */
export const DEFAULT_AUDIENCE = 'https://login.salesforce.com';
export const ORG_ID = '00DDm0000000001AAA';
export const INTEGRATION_USER_ID = '005Dm000000000IAAA';

let keys: { privateKeyPem: string; publicKey: KeyObject } | undefined;

/** Where the key is shared, so an emulator started by one process accepts credentials made in another. */
export const KEY_FILE = join(tmpdir(), 'callwise-salesforce-emulator', 'jwt-private-key.pem');

function readKey(): string | undefined {
  try {
    const pem = readFileSync(KEY_FILE, 'utf8');
    createPrivateKey(pem);
    return pem;
  } catch {
    return undefined;
  }
}

/** Reads the shared key, or makes one and publishes it atomically (first writer wins). */
function sharedPrivateKey(): string {
  const existing = readKey();
  if (existing) return existing;
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    mkdirSync(dirname(KEY_FILE), { recursive: true, mode: 0o700 });
    const temporary = `${KEY_FILE}.${process.pid}.tmp`;
    writeFileSync(temporary, pem, { mode: 0o600 });
    try {
      linkSync(temporary, KEY_FILE);
    } catch {
      /* another process published first: use its key */
    } finally {
      rmSync(temporary, { force: true });
    }
  } catch {
    return pem;
  }
  return readKey() ?? pem;
}

function keyPair(): { privateKeyPem: string; publicKey: KeyObject } {
  if (!keys) {
    const privateKeyPem = sharedPrivateKey();
    keys = { privateKeyPem, publicKey: createPublicKey(privateKeyPem) };
  }
  return keys;
}

export function createTestCredentials(url: string): SalesforceCredentials {
  return { loginUrl: url, clientId: LOCAL_CLIENT_ID, username: LOCAL_USERNAME, privateKey: keyPair().privateKeyPem };
}

/** A refused sign-in: the OAuth error code and description Salesforce answers with (400). */
export class InvalidGrantError extends Error {
  constructor(
    message: string,
    readonly error: 'invalid_grant' | 'invalid_client_id' | 'invalid_app_access' = 'invalid_grant',
  ) {
    super(message);
    this.name = 'InvalidGrantError';
  }
}

const base64url = (s: string) => Buffer.from(s, 'base64url');

function decodeJson(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(base64url(part).toString('utf8'));
    if (value && typeof value === 'object') return value as Record<string, unknown>;
  } catch {
    /* answered below */
  }
  throw new InvalidGrantError(`invalid assertion: the ${what} is not JSON`);
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/**
 * Verifies an RS256 JWT bearer assertion against the org's accepted audience; returns the username it signs in
 * as. Errors as the OAuth 2.0 JWT Bearer Flow documents them: an unknown consumer key → invalid_client_id, a user
 * the app does not admit → invalid_app_access ("user is not admin approved to access this app"), anything else
 * about the assertion → invalid_grant.
 */
export function verifyAssertion(assertion: string, audience: string, nowSeconds: number): string {
  const parts = assertion.split('.');
  if (parts.length !== 3) throw new InvalidGrantError('invalid assertion: expected a signed JWT');
  const [headerPart = '', payloadPart = '', signature = ''] = parts;
  const header = decodeJson(headerPart, 'header');
  if (header.alg !== 'RS256') throw new InvalidGrantError('invalid assertion: algorithm must be RS256');
  const claims = decodeJson(payloadPart, 'payload');
  const signed = verify('RSA-SHA256', Buffer.from(`${headerPart}.${payloadPart}`), keyPair().publicKey, base64url(signature));
  if (!signed) throw new InvalidGrantError('invalid assertion: signature does not verify');
  if (claims.iss !== LOCAL_CLIENT_ID) throw new InvalidGrantError('client identifier invalid', 'invalid_client_id');
  if (claims.sub === UNAPPROVED_USERNAME) throw new InvalidGrantError('user is not admin approved to access this app', 'invalid_app_access');
  if (claims.sub !== LOCAL_USERNAME) throw new InvalidGrantError("user hasn't approved this consumer");
  if (typeof claims.aud !== 'string' || trimSlash(claims.aud) !== trimSlash(audience)) throw new InvalidGrantError('audience is invalid');
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) throw new InvalidGrantError('expired authorization code');
  return claims.sub;
}

/** Access tokens the emulator has issued. */
export class Sessions {
  private readonly live = new Set<string>();
  private issued = 0;

  issue(): string {
    this.issued++;
    const token = `${ORG_ID.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
    this.live.add(token);
    return token;
  }

  isValid(token: string | undefined): boolean {
    return token !== undefined && this.live.has(token);
  }

  expireAll(): void {
    this.live.clear();
  }

  count(): number {
    return this.issued;
  }
}
