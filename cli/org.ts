import { SALESFORCE_API_VERSION, type SalesforceRequest } from '../functions/src/adapters/salesforce/api';

/**
 * A real org through the `sf` CLI's stored login (SF_ORG=<alias or username>). @salesforce/core is heavy, so it
 * loads only here, when a command asks for a real org.
 */
export async function openOrg(aliasOrUsername: string) {
  const { Org } = require('@salesforce/core') as typeof import('@salesforce/core');
  const org = await Org.create({ aliasOrUsername });
  const connection = org.getConnection(SALESFORCE_API_VERSION);
  return {
    request: <T>(r: SalesforceRequest) =>
      connection.request<T>({ method: r.method as 'GET', url: r.url, ...(r.body === undefined ? {} : { body: r.body }), headers: r.headers ?? {} }),
    streamSession: async () => ({ instanceUrl: connection.instanceUrl, accessToken: connection.accessToken ?? '' }),
    renewSession: async () => void (await connection.refreshAuth()),
  };
}
