/**
 * How Callwise talks to the Salesforce REST API: the version, pinned in one place for every request,
 * the versioned paths built from it, and the one method the adapters need from a connection.
 */
export const SALESFORCE_API_VERSION = '62.0';

/** `/services/data/v62.0` followed by `path` (`/query?q=…`, `/composite`, …). */
export function salesforceApiPath(path = ''): string {
  return `/services/data/v${SALESFORCE_API_VERSION}${path}`;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** What a Salesforce URL (loginUrl, SALESFORCE_EMULATOR_URL) must be; errors name the key before it. */
export const SALESFORCE_URL_RULE = 'must be an https:// URL (http:// only for a local emulator on 127.0.0.1 or localhost)';

/** Salesforce is reached over TLS only: plain http:// only to a loopback emulator. */
export function isSecureSalesforceUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}

export interface SalesforceRequest {
  method: string;
  url: string;
  body?: string;
  headers?: Record<string, string>;
}

/** A signed-in Salesforce connection as the adapters use it (SalesforceConnection, the CLI's org connection, test doubles). */
export interface SalesforceRequester {
  request<T>(request: SalesforceRequest): Promise<T>;
}

/**
 * Errors from Salesforce, safe to log: they carry the errorCode and HTTP status, never the request body,
 * the query text (it can hold a phone number), key material or the username.
 */

const RETRYABLE_CODES = new Set(['REQUEST_LIMIT_EXCEEDED', 'SERVER_UNAVAILABLE', 'UNABLE_TO_LOCK_ROW', 'TIMEOUT', 'NETWORK_ERROR']);

/** A Salesforce REST request failed: `errorCode` as Salesforce sent it (or ERROR_HTTP_<status>), `status` 0 when no response came. */
export class SalesforceApiError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly errorCode: string,
    readonly status: number,
    where: string,
    detail = '',
  ) {
    super(`Salesforce ${where} failed: ${errorCode}${status ? ` (HTTP ${status})` : ''}${detail ? `: ${detail}` : ''}`);
    this.name = 'SalesforceApiError';
    this.retryable = RETRYABLE_CODES.has(errorCode) || status >= 500 || status === 429;
  }
}

/** No answer within the connection's timeout. */
export class SalesforceTimeoutError extends SalesforceApiError {
  constructor(where: string, timeoutMs: number) {
    super('TIMEOUT', 0, where, `no response within ${timeoutMs} ms`);
    this.name = 'SalesforceTimeoutError';
  }
}

/** The JWT bearer sign-in was refused (invalid_grant, …) or could not be made (timeout, network_error: worth retrying). */
export class SalesforceAuthError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'SalesforceAuthError';
    this.retryable = errorCode === 'timeout' || errorCode === 'network_error';
  }
}

/**
 * A short, log-safe form of a Salesforce error message: its last line (Salesforce puts the reason there,
 * after echoing the query), with digit runs that could be phone numbers masked, at most 200 characters.
 */
export function safeDetail(message: unknown, secrets: readonly string[] = []): string {
  if (typeof message !== 'string' || message.trim() === '') return '';
  const lines = message
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  let detail = lines[lines.length - 1] ?? '';
  for (const secret of secrets) if (secret) detail = detail.split(secret).join('[redacted]');
  detail = detail.replace(/\+?\d[\d\s().-]{4,}\d/g, '[number]');
  return detail.length > 200 ? `${detail.slice(0, 197)}...` : detail;
}
