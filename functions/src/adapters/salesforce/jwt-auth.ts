import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { Connection } from 'jsforce/lib/connection';
import { SALESFORCE_API_VERSION } from './api';
import type { SalesforceCredentials } from './credentials';
import { SalesforceAuthError, safeDetail } from './errors';

/**
 * The OAuth 2.0 JWT bearer flow: a short-lived assertion signed with the connected app's private key
 * (RS256) is exchanged at the login URL for an access token. No password, no refresh token.
 */

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Salesforce accepts assertions that expire within 3 minutes. */
export const ASSERTION_LIFETIME_SECONDS = 180;

export interface JwtClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** The login URL without a trailing slash: the audience Salesforce expects and the token endpoint's base. */
export function normaliseLoginUrl(loginUrl: string): string {
  return loginUrl.replace(/\/+$/, '');
}

export function jwtClaims(credentials: SalesforceCredentials, nowMs: number): JwtClaims {
  return {
    iss: credentials.clientId,
    sub: credentials.username,
    aud: normaliseLoginUrl(credentials.loginUrl),
    exp: Math.floor(nowMs / 1000) + ASSERTION_LIFETIME_SECONDS,
  };
}

function privateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    // Secrets pasted as one line keep their newlines as the two characters \n.
    key = createPrivateKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw new SalesforceAuthError('invalid_key', 'The Salesforce private key could not be read: store the PEM private key of the connected app certificate in the secret');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new SalesforceAuthError('invalid_key', 'The Salesforce private key is not an RSA key: the JWT bearer flow signs with RS256');
  return key;
}

/** `header.claims.signature`, base64url, signed RS256 with the private key. */
export function signJwtAssertion(credentials: SalesforceCredentials, nowMs: number): string {
  const key = privateKey(credentials.privateKey);
  const unsigned = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${base64url(JSON.stringify(jwtClaims(credentials, nowMs)))}`;
  return `${unsigned}.${base64url(sign('sha256', Buffer.from(unsigned), key))}`;
}

/** What to do about each OAuth error Salesforce returns for this flow. */
const ADVICE: Record<string, string> = {
  invalid_grant: 'check that the connected app holds the certificate for this key, the integration user is pre-authorised for the app, and the login URL is the org’s',
  invalid_client_id: 'check the connected app consumer key (clientId)',
  invalid_client: 'check the connected app consumer key (clientId)',
  unsupported_grant_type: 'the login URL does not accept the JWT bearer flow',
};

export interface JwtSignInOptions {
  /** Gives up after this long (the token request has no timeout of its own). */
  timeoutMs: number;
  now?: () => number;
}

/**
 * Signs in with the JWT bearer flow and returns a jsforce Connection on the org's instance URL.
 * Failures become SalesforceAuthError with the OAuth error code and advice, never the key or the username.
 */
export async function signInWithJwt(credentials: SalesforceCredentials, options: JwtSignInOptions): Promise<Connection> {
  const loginUrl = normaliseLoginUrl(credentials.loginUrl);
  const assertion = signJwtAssertion(credentials, (options.now ?? Date.now)());
  const connection = new Connection({ loginUrl, version: SALESFORCE_API_VERSION });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SalesforceAuthError('timeout', `Salesforce sign-in got no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
  });
  try {
    await Promise.race([connection.authorize({ grant_type: JWT_BEARER_GRANT, assertion }), timeout]);
  } catch (error) {
    throw toAuthError(error, credentials);
  } finally {
    clearTimeout(timer);
  }
  if (!connection.accessToken || !connection.instanceUrl) throw new SalesforceAuthError('invalid_response', 'Salesforce sign-in returned no access token or instance URL');
  return connection;
}

function toAuthError(error: unknown, credentials: SalesforceCredentials): SalesforceAuthError {
  if (error instanceof SalesforceAuthError) return error;
  const name = (error as Error)?.name ?? '';
  // jsforce names OAuth failures after the OAuth error code (invalid_grant, …); anything else is transport.
  const code = /^[a-z_]+$/.test(name) ? name : 'network_error';
  const detail = safeDetail((error as Error)?.message, [credentials.username, credentials.clientId, credentials.privateKey]);
  const advice = ADVICE[code] ?? (code === 'network_error' ? 'check that the login URL is reachable' : 'see the OAuth error code');
  return new SalesforceAuthError(code, `Salesforce JWT sign-in failed (${code}${detail ? `: ${detail}` : ''}): ${advice}`);
}
