import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { Connection } from 'jsforce/lib/connection';
import { isSecureSalesforceUrl, safeDetail, SALESFORCE_API_VERSION, SALESFORCE_URL_RULE, SalesforceAuthError } from './api';
import type { SalesforceCredentials } from './secrets';

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

/** The login URL without a trailing slash: the token endpoint's base. */
export function normaliseLoginUrl(loginUrl: string): string {
  return loginUrl.replace(/\/+$/, '');
}

export const PRODUCTION_AUDIENCE = 'https://login.salesforce.com';
export const SANDBOX_AUDIENCE = 'https://test.salesforce.com';

/**
 * The JWT audience: the secret's `audience` if set, else test.salesforce.com for a sandbox login URL
 * (test.salesforce.com or a `*.sandbox.my.salesforce.com` My Domain), else login.salesforce.com. Never the
 * My Domain host the token request is posted to: Salesforce refuses that audience.
 */
export function jwtAudience(credentials: Pick<SalesforceCredentials, 'loginUrl' | 'audience'>): string {
  if (credentials.audience) return normaliseLoginUrl(credentials.audience);
  let host = '';
  try {
    host = new URL(credentials.loginUrl).hostname.toLowerCase();
  } catch {
    /* validated by the secret's schema; the default applies */
  }
  return host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com') ? SANDBOX_AUDIENCE : PRODUCTION_AUDIENCE;
}

export function jwtClaims(credentials: SalesforceCredentials, nowMs: number): JwtClaims {
  return {
    iss: credentials.clientId,
    sub: credentials.username,
    aud: jwtAudience(credentials),
    exp: Math.floor(nowMs / 1000) + ASSERTION_LIFETIME_SECONDS,
  };
}

function privateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    // Secrets pasted as one line keep their newlines as the two characters \n.
    key = createPrivateKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw new SalesforceAuthError(
      'invalid_key',
      'The Salesforce private key could not be read: store the PEM private key of the connected app certificate in the secret',
    );
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new SalesforceAuthError('invalid_key', 'The Salesforce private key is not an RSA key: the JWT bearer flow signs with RS256');
  return key;
}

/** `header.claims.signature`, base64url, signed RS256 with the private key. */
export function signJwtAssertion(credentials: SalesforceCredentials, nowMs: number): string {
  const key = privateKey(credentials.privateKey);
  const unsigned = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${base64url(JSON.stringify(jwtClaims(credentials, nowMs)))}`;
  return `${unsigned}.${base64url(sign('sha256', Buffer.from(unsigned), key))}`;
}

/** What to do about each OAuth error Salesforce returns for this flow (OAuth 2.0 JWT Bearer Flow, Salesforce Help). */
const ADVICE: Record<string, string> = {
  invalid_grant:
    'check that the External Client App holds the certificate of this key, the username is the integration user’s, the audience is https://login.salesforce.com (https://test.salesforce.com for a sandbox; set `audience` in the secret to override), and the clock is right',
  invalid_client_id: 'check clientId in the secret: it must be the consumer key of the Callwise External Client App in this org',
  invalid_client: 'check clientId in the secret: it must be the consumer key of the Callwise External Client App in this org',
  invalid_app_access:
    'the integration user is not pre-authorised for the External Client App: assign it the Callwise Integration permission set, which the app’s policies admit',
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
  // Every sign-in passes here, whether the credentials came from the secret (validated) or were built in code.
  if (!isSecureSalesforceUrl(credentials.loginUrl)) throw new SalesforceAuthError('insecure_login_url', `Salesforce loginUrl ${SALESFORCE_URL_RULE}`);
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
  if (!connection.accessToken || !connection.instanceUrl)
    throw new SalesforceAuthError('invalid_response', 'Salesforce sign-in returned no access token or instance URL');
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
