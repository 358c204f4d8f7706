/**
 * How Callwise talks to the Salesforce REST API: the version, pinned in one place for every request,
 * the versioned paths built from it, and the one method the adapters need from a connection.
 */
export const SALESFORCE_API_VERSION = '62.0';

/** `/services/data/v62.0` followed by `path` (`/query?q=…`, `/composite`, …). */
export function salesforceApiPath(path = ''): string {
  return `/services/data/v${SALESFORCE_API_VERSION}${path}`;
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
