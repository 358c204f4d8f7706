import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { isSecureSalesforceUrl, SALESFORCE_URL_RULE } from './api';

/**
 * The Salesforce credentials from AWS Secrets Manager (a JSON secret), validated, and kept in memory
 * for a few minutes so a warm Lambda does not read the secret on every call but still picks up a rotation.
 */

export const CREDENTIALS_CACHE_MS = 5 * 60 * 1000;

/** The secret is missing, unreadable or incomplete. The message names keys, never values. */
export class SalesforceSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SalesforceSecretError';
  }
}

interface Entry {
  credentials: Promise<SalesforceCredentials>;
  expiresAt: number;
}

const cache = new Map<string, Entry>();

export interface LoadCredentialsOptions {
  now?: () => number;
  cacheMs?: number;
}

/** Reads, validates and caches the secret; concurrent first reads share one GetSecretValue. */
export function loadSalesforceCredentials(
  secretsClient: SecretsManagerClient,
  secretArn: string,
  options: LoadCredentialsOptions = {},
): Promise<SalesforceCredentials> {
  const now = (options.now ?? Date.now)();
  const cached = cache.get(secretArn);
  if (cached && cached.expiresAt > now) return cached.credentials;
  const credentials = readSecret(secretsClient, secretArn);
  const entry = { credentials, expiresAt: now + (options.cacheMs ?? CREDENTIALS_CACHE_MS) };
  cache.set(secretArn, entry);
  // A failed read is not cached: the next call tries again.
  credentials.catch(() => cache.get(secretArn) === entry && cache.delete(secretArn));
  return credentials;
}

/** Forgets cached credentials (after Salesforce refuses them, and in tests). */
export function clearSalesforceCredentialsCache(): void {
  cache.clear();
}

async function readSecret(client: SecretsManagerClient, secretArn: string): Promise<SalesforceCredentials> {
  if (!secretArn) throw new SalesforceSecretError('No Salesforce secret configured: set SALESFORCE_SECRET_ARN');
  let text: string | undefined;
  try {
    const result = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    text = result.SecretString ?? (result.SecretBinary ? Buffer.from(result.SecretBinary).toString('utf8') : undefined);
  } catch (error) {
    throw new SalesforceSecretError(
      `Cannot read the Salesforce secret ${secretArn} (${(error as Error).name}): check that it exists and the function may call secretsmanager:GetSecretValue on it`,
    );
  }
  if (!text) throw new SalesforceSecretError(`The Salesforce secret ${secretArn} is empty: store JSON with loginUrl, clientId, username and privateKey`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the text, so it is not passed on.
    throw new SalesforceSecretError(`The Salesforce secret ${secretArn} is not JSON: store JSON with loginUrl, clientId, username and privateKey`);
  }
  return validate(json, secretArn);
}

function validate(json: unknown, secretArn: string): SalesforceCredentials {
  const parsed = SalesforceCredentialsSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const record = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (!key) continue;
    if (record[key] === undefined || record[key] === '') missing.push(key);
    else invalid.push(`${key} (${issue.message})`);
  }
  const parts = [
    missing.length ? `missing ${[...new Set(missing)].join(', ')}` : '',
    invalid.length ? `invalid ${[...new Set(invalid)].join(', ')}` : '',
  ].filter(Boolean);
  return fail(secretArn, parts.length ? parts.join('; ') : 'expected a JSON object with loginUrl, clientId, username and privateKey');
}

function fail(secretArn: string, what: string): never {
  throw new SalesforceSecretError(`The Salesforce secret ${secretArn} is incomplete: ${what}`);
}

/**
 * What the Salesforce JWT bearer sign-in needs, as stored (JSON) in the AWS Secrets Manager secret
 * named by SALESFORCE_SECRET_ARN. The private key never appears in code, templates or logs.
 */
export const SalesforceCredentialsSchema = z.object({
  /** Where the token request goes: https://login.salesforce.com, https://test.salesforce.com, or the org's My Domain URL (https only; http only to a loopback emulator). */
  loginUrl: z.string().url().refine(isSecureSalesforceUrl, { message: SALESFORCE_URL_RULE }),
  /**
   * The JWT audience, whatever host the token request goes to: https://login.salesforce.com (production, the
   * default), https://test.salesforce.com (the default when the login URL is a sandbox's), or an Experience Cloud
   * site URL (OAuth 2.0 JWT Bearer Flow, Salesforce Help).
   */
  audience: z.string().url().optional(),
  /** The External Client App's consumer key (the JWT issuer). */
  clientId: z.string().min(1),
  /** The integration user's username (the JWT subject). */
  username: z.string().min(1),
  /** PEM private key whose certificate is uploaded to the External Client App. */
  privateKey: z.string().includes('PRIVATE KEY', { message: 'expected a PEM private key' }),
});

export type SalesforceCredentials = z.infer<typeof SalesforceCredentialsSchema>;
